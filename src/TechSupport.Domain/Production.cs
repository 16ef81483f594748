namespace TechSupport.Domain;

public sealed class Production
{
    private Production() => Name = "";

    public Guid Id { get; private set; }
    public string Name { get; private set; }
    public Classification Classification { get; private set; }
    public DeliverableSpec? DeliverableSpec { get; private set; }
    public DateTimeOffset? DeliveryDeadline { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static Production Create(string name, Classification classification, DeliverableSpec? spec,
        DateTimeOffset? deliveryDeadline, DateTimeOffset now) => new()
    {
        Id = Ids.New(now),
        Name = name.Trim(),
        Classification = classification,
        DeliverableSpec = spec,
        DeliveryDeadline = deliveryDeadline,
        CreatedAt = now,
    };
}
