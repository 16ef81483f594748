namespace TechSupport.Domain;

// One part of a suite's configuration: "Software, DaVinci Resolve Studio, Blackmagic Design, 19.1.2".
public sealed record ConfigurationComponent(
    EquipmentKind Kind, string Product, string Vendor, string Version, string? Settings = null);
