using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// One entry of seed/catalogue.json: a make and model (or vendor and product, for software) with the
// firmware or software versions seen in the facility.
public sealed record CatalogueItem(
    EquipmentKind Kind,
    string Make,
    string Model,
    IReadOnlyList<string> Versions,
    string? Notes = null)
{
    public string Name => $"{Make} {Model}";
}
