using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Notifications;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Notifications;

// The caller's own bell, newest first. Every count and item goes through the faults the caller may
// see now, so a revoked clearance hides what was told before it (S3).
public sealed record NotificationList(bool UnreadOnly = false, int? Page = null, int? PageSize = null) : IQuery<NotificationPage>;

public sealed record NotificationView(
    Guid Id, Guid FaultId, string FaultNumber, NotificationKind Kind, string Text, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record NotificationPage(int Total, int Unread, IReadOnlyList<NotificationView> Items);

public sealed class NotificationListValidator : AbstractValidator<NotificationList>
{
    public NotificationListValidator()
    {
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("Pages count from 1.");
        RuleFor(x => x.PageSize).GreaterThanOrEqualTo(1).WithMessage("The page size must be at least 1.");
    }
}

public sealed class NotificationListHandler(TechSupportDbContext db, ICurrentUser user) : IQueryHandler<NotificationList, NotificationPage>
{
    public async ValueTask<NotificationPage> Handle(NotificationList query, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        var mine = db.Notifications.AsNoTracking().Mine(db, user);
        var unread = await mine.CountAsync(n => n.ReadAt == null, ct);
        var listed = query.UnreadOnly ? mine.Where(n => n.ReadAt == null) : mine;
        var total = query.UnreadOnly ? unread : await listed.CountAsync(ct);
        var items = await listed
            .Join(db.Faults, n => n.FaultId, f => f.Id, (n, f) => new { n, f.Number })
            .OrderByDescending(x => x.n.CreatedAt).ThenByDescending(x => x.n.Id)
            .Skip(Paging.Skip(query.Page, query.PageSize)).Take(Paging.Size(query.PageSize))
            .ToListAsync(ct);
        return new NotificationPage(total, unread, [.. items.Select(x => NotificationViews.From(x.n, x.Number))]);
    }
}

public static class NotificationViews
{
    // A user's notifications about faults they may see now.
    public static IQueryable<Notification> Mine(this IQueryable<Notification> notifications, TechSupportDbContext db, ICurrentUser user)
    {
        var visible = db.Faults.VisibleTo(user);
        return notifications.Where(n => n.UserId == user.Id && visible.Any(f => f.Id == n.FaultId));
    }

    public static NotificationView From(Notification n, int faultNumber) =>
        new(n.Id, n.FaultId, FaultNumber.Format(faultNumber), n.Kind, n.Text, n.CreatedAt, n.ReadAt);
}
