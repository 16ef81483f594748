namespace TechSupport.Domain;

public sealed class Equipment
{
    private Equipment() => (Make, Model) = ("", "");

    internal Equipment(Guid id, Guid suiteId, EquipmentKind kind, string make, string model, string? serial,
        string? firmware, DateTimeOffset now)
    {
        Id = id;
        SuiteId = suiteId;
        Kind = kind;
        Make = make;
        Model = model;
        Serial = serial;
        Firmware = firmware;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid SuiteId { get; private set; }
    public EquipmentKind Kind { get; private set; }
    public string Make { get; private set; }
    public string Model { get; private set; }
    public string? Serial { get; private set; }
    public string? Firmware { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public string Name => $"{Make} {Model}";
}
