namespace TechSupport.Domain;

// One part of a suite's configuration: "Software, DaVinci Resolve Studio, Blackmagic Design, 19.1.2".
public sealed record ConfigurationComponent(
    EquipmentKind Kind, string Product, string Vendor, string Version, string? Settings = null, string? Serial = null)
{
    // Named as the standard builds name their components (product = the catalogue's model, vendor =
    // its make), so hand-added kit matches the same kit in a seeded suite.
    // Standard builds name no serials, so neither does this; a recorded configuration may give them.
    public static ConfigurationComponent Of(Equipment item) => new(item.Kind, item.Model, item.Make, item.Firmware ?? "");
}
