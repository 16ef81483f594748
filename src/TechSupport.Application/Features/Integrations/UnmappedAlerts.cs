using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Integrations;

// Monitoring alerts that matched no suite, kept for review: someone fixes the labels in monitoring
// (or records the suite) so the next alert opens a fault where it belongs. They name no fault and no
// production, so there is nothing classified to filter.
[RequiresRole(Role.Manager)]
public sealed record UnmappedAlerts(int? Page = null, int? PageSize = null) : IQuery<Page<MonitoringAlertView>>;

public sealed record MonitoringAlertView(
    Guid Id,
    string Fingerprint,
    string AlertName,
    string Status,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    DateTimeOffset StartsAt,
    DateTimeOffset? EndsAt,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset LastSeenAt,
    int Received);

public sealed class UnmappedAlertsValidator : AbstractValidator<UnmappedAlerts>
{
    public UnmappedAlertsValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("Pages count from 1.");
        RuleFor(x => x.PageSize).GreaterThanOrEqualTo(1).WithMessage("The page size must be at least 1.");
    }
}

public sealed class UnmappedAlertsHandler(TechSupportDbContext db) : IQueryHandler<UnmappedAlerts, Page<MonitoringAlertView>>
{
    public async ValueTask<Page<MonitoringAlertView>> Handle(UnmappedAlerts query, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var unmapped = db.MonitoringAlerts.AsNoTracking().Where(a => a.SuiteId == null);
        var total = await unmapped.CountAsync(ct);
        var alerts = await unmapped.OrderByDescending(a => a.LastSeenAt).ThenBy(a => a.Id)
            .Skip(Paging.Skip(query.Page, query.PageSize)).Take(Paging.Size(query.PageSize))
            .ToListAsync(ct);
        var items = alerts.Select(a => new MonitoringAlertView(a.Id, a.Fingerprint, a.AlertName, a.Status,
                AlertmanagerPayload.Read(a.Labels), AlertmanagerPayload.Read(a.Annotations),
                a.StartsAt, a.EndsAt, a.FirstSeenAt, a.LastSeenAt, a.Received))
            .ToList();
        return new Page<MonitoringAlertView>(total, items);
    }
}
