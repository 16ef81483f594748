namespace TechSupport.Domain;

public sealed class Suite
{
    private readonly List<Equipment> _equipment = [];

    private Suite() => Name = "";

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public SuiteType SuiteType { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public IReadOnlyList<Equipment> Equipment => _equipment;
    // E4: a health-and-safety fault takes the suite out of service until a manager signs it off.
    public DateTimeOffset? OutOfServiceSince { get; private set; }
    public Guid? OutOfServiceFaultId { get; private set; }
    public bool InService => OutOfServiceSince is null;

    public static Suite Create(string name, SuiteType suiteType, DateTimeOffset now) => new()
    {
        Id = Ids.New(now),
        Name = name.Trim(),
        SuiteType = suiteType,
        CreatedAt = now,
    };

    public Equipment AddEquipment(EquipmentKind kind, string make, string model, string? serial, string? firmware,
        DateTimeOffset now)
    {
        var item = new Equipment(Ids.New(now), Id, kind, make.Trim(), model.Trim(), Blank(serial), Blank(firmware), now);
        _equipment.Add(item);
        return item;
    }

    internal void TakeOutOfService(Guid faultId, DateTimeOffset now)
    {
        OutOfServiceSince = now;
        OutOfServiceFaultId = faultId;
    }

    internal void ReturnToService()
    {
        OutOfServiceSince = null;
        OutOfServiceFaultId = null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
