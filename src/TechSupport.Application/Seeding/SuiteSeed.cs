using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// One demo suite of seed/facility.json.
public sealed record SuiteSeed(string Name, SuiteType SuiteType, IReadOnlyList<EquipmentSeed> Equipment);
