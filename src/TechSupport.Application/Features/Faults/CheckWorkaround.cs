using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

// K9 before the short cut is taken: what a workaround's changes would conflict with in the fault's
// production's deliverable spec, so an engineer is warned before E8 escalates and flags the deliverable.
// Engineers only, like ApplyWorkaround, whose question it answers in advance.
[RequiresRole(Role.Engineer)]
public sealed record CheckWorkaround(Guid Id, IReadOnlyDictionary<string, string?>? Changes, Acceptability? Acceptability = null)
    : IQuery<WorkaroundCheckView>;

// Escalates: applying it would trigger E8 (second line, deliverable flagged for QC), which needs a production.
public sealed record WorkaroundCheckView(IReadOnlyList<ConflictView> Conflicts, bool Unacceptable, bool Escalates)
{
    public bool EndangersDeliverable => Unacceptable || Conflicts.Count > 0;
}

public sealed class CheckWorkaroundValidator : AbstractValidator<CheckWorkaround>
{
    public CheckWorkaroundValidator()
    {
        RuleFor(x => x.Changes).Custom(WorkaroundChanges.Validate);
        RuleFor(x => x.Acceptability).IsInEnum();
    }
}

public sealed class CheckWorkaroundHandler(TechSupportDbContext db, ICurrentUser user) : IQueryHandler<CheckWorkaround, WorkaroundCheckView>
{
    public async ValueTask<WorkaroundCheckView> Handle(CheckWorkaround query, CancellationToken cancellationToken)
    {
        var fault = await db.Faults.AsNoTracking().VisibleTo(user).Include(f => f.Production)
            .SingleOrDefaultAsync(f => f.Id == query.Id, cancellationToken)
            ?? throw new NotFoundException("fault");

        var conflicts = DeliverableCheck.Conflicts(WorkaroundChanges.Parse(query.Changes), fault.Production?.DeliverableSpec);
        var unacceptable = query.Acceptability == Acceptability.Unacceptable;
        return new WorkaroundCheckView([.. conflicts.Select(ConflictView.From)], unacceptable,
            fault.ProductionId is not null && (unacceptable || conflicts.Count > 0));
    }
}
