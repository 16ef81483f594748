using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// One entry of seed/suite-types.json: a suite type's standard build, and what an hour of the room costs
// (for the impact of a fault that stops a session).
public sealed record SuiteTypeBaseline(
    SuiteType SuiteType,
    string Description,
    decimal HourlyRate,
    IReadOnlyList<ConfigurationComponent> Baseline);
