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
    Severity
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

public sealed class FaultListHandler(TechSupportDbContext db, ICurrentUser user) : IQueryHandler<FaultList, Page<FaultView>>
{
    private static readonly FaultStatus[] Open =
        [FaultStatus.New, FaultStatus.Acknowledged, FaultStatus.InProgress, FaultStatus.WorkaroundApplied, FaultStatus.Reopened];

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
        // Severity names sort P1 first; within a severity the oldest waits longest, so it comes first.
        var ordered = query.Order == FaultOrder.Severity
            ? faults.OrderBy(f => f.Severity).ThenBy(f => f.CreatedAt).ThenBy(f => f.Number)
            : faults.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Number);
        var page = await ordered
            .Include(f => f.Suite).Include(f => f.Equipment).Include(f => f.Production).Include(f => f.Workarounds)
            .AsSplitQuery()
            .Skip(Paging.Skip(query.Page, query.PageSize)).Take(Paging.Size(query.PageSize))
            .ToListAsync(ct);
        var people = await db.NamesAsync(page.SelectMany(f => new[] { f.ReportedById, f.AssigneeId }), ct);
        return new Page<FaultView>(total, page.Select(f => FaultView.From(f, people)).ToList());
    }
}
