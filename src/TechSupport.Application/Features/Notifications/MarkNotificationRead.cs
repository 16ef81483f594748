using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;

namespace TechSupport.Application.Features.Notifications;

// Someone else's notification, or one about a fault the caller may no longer see, answers as an id
// that does not exist (S3).
public sealed record MarkNotificationRead(Guid Id) : ICommand<NotificationView>;

public sealed class MarkNotificationReadHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<MarkNotificationRead, NotificationView>
{
    public async ValueTask<NotificationView> Handle(MarkNotificationRead command, CancellationToken cancellationToken)
    {
        var found = await db.Notifications.Mine(db, user).Where(n => n.Id == command.Id)
            .Join(db.Faults, n => n.FaultId, f => f.Id, (n, f) => new { Notification = n, f.Number })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("notification");
        // Reading it twice keeps the first time.
        found.Notification.ReadAt ??= clock.GetUtcNow();
        return NotificationViews.From(found.Notification, found.Number);
    }
}
