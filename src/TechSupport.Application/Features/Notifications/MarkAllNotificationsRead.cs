using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;

namespace TechSupport.Application.Features.Notifications;

// Clears the caller's bell: only what it shows, so nothing about a hidden fault is touched or counted.
public sealed record MarkAllNotificationsRead : ICommand<MarkedRead>;

public sealed record MarkedRead(int Marked);

public sealed class MarkAllNotificationsReadHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<MarkAllNotificationsRead, MarkedRead>
{
    public async ValueTask<MarkedRead> Handle(MarkAllNotificationsRead command, CancellationToken cancellationToken)
    {
        var unread = await db.Notifications.Mine(db, user).Where(n => n.ReadAt == null).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var notification in unread)
        {
            notification.ReadAt = now;
        }

        return new MarkedRead(unread.Count);
    }
}
