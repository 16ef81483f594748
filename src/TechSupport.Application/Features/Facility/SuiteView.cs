using TechSupport.Domain;

namespace TechSupport.Application.Features.Facility;

public sealed record SuiteView(Guid Id, string Name, SuiteType SuiteType, int? ConfigurationRevision,
    IReadOnlyList<EquipmentView> Equipment);

public sealed record EquipmentView(Guid Id, Guid SuiteId, EquipmentKind Kind, string Make, string Model, string? Serial,
    string? Firmware, string Name)
{
    public static EquipmentView From(Equipment e) => new(e.Id, e.SuiteId, e.Kind, e.Make, e.Model, e.Serial, e.Firmware, e.Name);
}
