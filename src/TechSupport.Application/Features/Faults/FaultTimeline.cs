using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

public sealed record FaultTimeline(Guid Id) : IQuery<Page<TimelineItem>>;

public sealed record TimelineItem(DateTimeOffset At, string Actor, FaultEventKind Kind, string Text);

public sealed class FaultTimelineHandler(TechSupportDbContext db, ICurrentUser user)
    : IQueryHandler<FaultTimeline, Page<TimelineItem>>
{
    public async ValueTask<Page<TimelineItem>> Handle(FaultTimeline query, CancellationToken cancellationToken)
    {
        var visible = await db.Faults.VisibleTo(user).AnyAsync(f => f.Id == query.Id, cancellationToken);
        if (!visible)
        {
            throw new NotFoundException("fault");
        }

        var items = await db.FaultEvents.AsNoTracking().Where(e => e.FaultId == query.Id)
            .OrderBy(e => e.Sequence).ThenBy(e => e.At)
            .Select(e => new TimelineItem(e.At, e.ActorName, e.Kind, e.Text))
            .ToListAsync(cancellationToken);
        return new Page<TimelineItem>(items.Count, items);
    }
}
