using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// A piece of kit in a demo suite (seed/facility.json).
public sealed record EquipmentSeed(EquipmentKind Kind, string Make, string Model, string? Serial, string? Firmware);
