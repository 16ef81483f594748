using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;
using Severity = TechSupport.Domain.Severity;

namespace TechSupport.Application.Features.Faults;

public enum FaultOrder
{
    Newest,
    Severity,
    // Breached first, then at risk, then by time left to the next unmet target.
    Risk
}

// Every status unless narrowed; the engineers' queue asks for the open ones.
public sealed record FaultList(
    FaultStatus[]? Status = null,
    Guid? SuiteId = null,
    Severity[]? Severity = null,
    FaultCategory[]? Category = null,
    bool OpenOnly = false,
    FaultOrder Order = FaultOrder.Newest,
    int? Page = null,
    int? PageSize = null) : IQuery<Page<FaultView>>;

public sealed class FaultListValidator : AbstractValidator<FaultList>
{
    public FaultListValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("Pages count from 1.");
        RuleFor(x => x.PageSize).GreaterThanOrEqualTo(1).WithMessage("The page size must be at least 1.");
    }
}

public sealed class FaultListHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<FaultList, Page<FaultView>>
{
    private static readonly FaultStatus[] Open = [.. FaultLifecycle.OpenStatuses];

    public async ValueTask<Page<FaultView>> Handle(FaultList query, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var faults = db.Faults.AsNoTracking().VisibleTo(user);
        if (query.Status is { Length: > 0 } statuses)
        {
            faults = faults.Where(f => statuses.Contains(f.Status));
        }

        if (query.OpenOnly)
        {
            faults = faults.Where(f => Open.Contains(f.Status));
        }

        if (query.SuiteId is { } suiteId)
        {
            faults = faults.Where(f => f.SuiteId == suiteId);
        }

        if (query.Severity is { Length: > 0 } severities)
        {
            faults = faults.Where(f => severities.Contains(f.Severity));
        }

        if (query.Category is { Length: > 0 } categories)
        {
            faults = faults.Where(f => categories.Contains(f.Category));
        }

        var total = await faults.CountAsync(ct);
        var now = clock.GetUtcNow();
        // Severity names sort P1 first; within a severity the oldest waits longest, so it comes first.
        var ordered = query.Order switch
        {
            FaultOrder.Severity => faults.OrderBy(f => f.Severity).ThenBy(f => f.CreatedAt).ThenBy(f => f.Number),
            // A missed target first, and among those one nobody has acknowledged before one being worked;
            // then those past their warning point; then the least time left. Faults with no target left come last.
            FaultOrder.Risk => faults
                .OrderBy(f => f.SlaDueAt == null ? 3 : f.SlaDueAt < now ? 0 : f.SlaWarnAt <= now ? 1 : 2)
                .ThenBy(f => f.SlaDueAt < now ? (f.SlaNext == SlaTarget.Acknowledge ? 0 : f.SlaNext == SlaTarget.Restore ? 1 : 2) : 0)
                .ThenBy(f => f.SlaDueAt < now ? f.Severity : Severity.P1)
                .ThenBy(f => f.SlaDueAt).ThenBy(f => f.Number),
            _ => faults.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Number),
        };
        var page = await ordered
            .Include(f => f.Suite).Include(f => f.Equipment).Include(f => f.Production).Include(f => f.Workarounds)
            .AsSplitQuery()
            .Skip(Paging.Skip(query.Page, query.PageSize)).Take(Paging.Size(query.PageSize))
            .ToListAsync(ct);
        var people = await db.NamesAsync(page.SelectMany(f => new[] { f.ReportedById, f.AssigneeId }), ct);
        var recurring = await db.RecurringProblemsAsync(user, page, ct);
        return new Page<FaultView>(total, page.Select(f => FaultView.From(f, people, now, recurring)).ToList());
    }
}
