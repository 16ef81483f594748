using TechSupport.Domain;

namespace TechSupport.Application.Features.Facility;

// E4: OutOfServiceSince is for everyone (whoever walks in needs to know); the fault behind it only
// for those who may see that fault (S3).
public sealed record SuiteView(Guid Id, string Name, SuiteType SuiteType, int? ConfigurationRevision,
    IReadOnlyList<EquipmentView> Equipment, DateTimeOffset? OutOfServiceSince = null, Guid? OutOfServiceFaultId = null);

public sealed record EquipmentView(Guid Id, Guid SuiteId, EquipmentKind Kind, string Make, string Model, string? Serial,
    string? Firmware, string Name)
{
    public static EquipmentView From(Equipment e) => new(e.Id, e.SuiteId, e.Kind, e.Make, e.Model, e.Serial, e.Firmware, e.Name);
}
