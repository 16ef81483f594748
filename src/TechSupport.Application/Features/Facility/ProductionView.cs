using TechSupport.Domain;

namespace TechSupport.Application.Features.Facility;

public sealed record ProductionView(Guid Id, string Name, Classification Classification, DeliverableSpec? DeliverableSpec,
    DateTimeOffset? DeliveryDeadline)
{
    public static ProductionView From(Production p) =>
        new(p.Id, p.Name, p.Classification, p.DeliverableSpec, p.DeliveryDeadline);
}
