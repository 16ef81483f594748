using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Escalation;

// When the next warning or breach falls due on any open fault, so the escalation service wakes then
// rather than up to an interval late.
[RequiresRole(Role.Admin)]
public sealed record NextEscalationDue : IQuery<DateTimeOffset?>;

public sealed class NextEscalationDueHandler(TechSupportDbContext db) : IQueryHandler<NextEscalationDue, DateTimeOffset?>
{
    public async ValueTask<DateTimeOffset?> Handle(NextEscalationDue query, CancellationToken cancellationToken)
    {
        var open = FaultLifecycle.OpenStatuses.ToArray();
        return await db.Faults.AsNoTracking().Where(f => open.Contains(f.Status) && f.NextRuleAt != null)
            .OrderBy(f => f.NextRuleAt).Select(f => f.NextRuleAt).FirstOrDefaultAsync(cancellationToken);
    }
}
