using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Notifications;

// Tells people what happened to a fault: a line in their bell and, when mail is configured, an
// e-mail queued in the same transaction. Only people who may see the fault hear of it (S3), and an
// e-mail about a Confidential or Restricted fault names only its number and a link.
public sealed class Notifier(TechSupportDbContext db, IOptions<NotificationOptions> options, TimeProvider clock)
{
    private readonly NotificationOptions _options = options.Value;

    // `users` by id, and everyone who works `tier` (engineers by their tier, managers by role);
    // never the person who did it.
    public async Task NotifyAsync(Fault fault, NotificationKind kind, string text, IEnumerable<Guid?> users, SupportTier? tier,
        Guid? actorId, CancellationToken ct)
    {
        var recipients = users.OfType<Guid>().ToHashSet();
        if (tier is { } t)
        {
            recipients.UnionWith(await TierAsync(t, ct));
        }

        if (actorId is { } actor)
        {
            recipients.Remove(actor);
        }

        recipients.Remove(Guid.Empty);
        // A service account (the monitoring webhook's reporter) has no password and never reads a bell or mail;
        // a deactivated user is sent nothing.
        var people = await db.Users.AsNoTracking()
            .Where(u => recipients.Contains(u.Id) && u.PasswordHash != null && u.DeactivatedAt == null)
            .Select(u => u.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var access in await db.AccessesAsync(people, ct))
        {
            if (!AccessPolicy.CanSee(access.Viewer, fault))
            {
                continue;
            }

            var userId = access.Id;

            db.Notifications.Add(new Notification
            {
                Id = Ids.New(now),
                UserId = userId,
                FaultId = fault.Id,
                Kind = kind,
                Text = Clip($"{fault.Reference} {text}", 500),
                CreatedAt = now,
            });
            if (_options.MailEnabled && !string.IsNullOrWhiteSpace(access.Email))
            {
                db.MailOutbox.Add(Mail(access.Email, fault, kind, text, now));
            }
        }
    }

    private MailMessage Mail(string to, Fault fault, NotificationKind kind, string text, DateTimeOffset now)
    {
        var link = $"{_options.BaseUrl.TrimEnd('/')}/faults/{fault.Reference}";
        var classified = fault.Classification != Classification.Standard;
        // Mail leaves the building: about a classified fault it says what kind of thing happened, never the
        // words typed about it (an escalation's reason can name what the title would).
        var told = classified ? Plain(kind, fault) : text;
        var subject = classified
            ? $"[{fault.Reference}] {told}"
            : $"[{fault.Reference}] {Clip(text, 120)}: {Clip(fault.Title, 120)}";
        var body = classified
            ? $"{fault.Reference} ({fault.Classification}) {told}.\n\nOpen it in TechSupport to read it: {link}\n"
            : $"{fault.Reference}: {fault.Title}\n{text}\n\nSeverity {fault.Severity}, {fault.Status}, tier {SupportTiers.Name(fault.Tier)}.\n"
              + $"Suite: {fault.Suite?.Name ?? "–"}\n\n{link}\n";
        return new MailMessage
        {
            To = to,
            Subject = Clip(subject, 300),
            Body = Clip(body, 8_000),
            EnqueuedAt = now,
            NextAttemptAt = now,
        };
    }

    private static string Plain(NotificationKind kind, Fault fault) => kind switch
    {
        NotificationKind.Escalated => $"was escalated to {SupportTiers.Name(fault.Tier)}",
        NotificationKind.Warning => "is near one of its targets",
        NotificationKind.Acknowledged => "was acknowledged",
        NotificationKind.Resolved => "was resolved",
        NotificationKind.Assigned => "was assigned to you",
        NotificationKind.Reopened => "was reopened",
        NotificationKind.Alert => "has a monitoring alert",
        _ => "has changed",
    };

    private async Task<List<Guid>> TierAsync(SupportTier tier, CancellationToken ct)
    {
        if (tier == SupportTier.Manager)
        {
            return await UsersInRoleAsync(Role.Manager, ct);
        }

        var engineers = await UsersInRoleAsync(Role.Engineer, ct);
        // An engineer with no tier set works first line.
        return await db.Users.AsNoTracking()
            .Where(u => engineers.Contains(u.Id) && (u.Tier == tier || (u.Tier == null && tier == SupportTier.FirstLine)))
            .Select(u => u.Id).ToListAsync(ct);
    }

    private async Task<List<Guid>> UsersInRoleAsync(Role role, CancellationToken ct)
    {
        var name = role.ToString();
        return await db.UserRoles.Join(db.Roles.Where(r => r.Name == name), ur => ur.RoleId, r => r.Id, (ur, _) => ur.UserId)
            .ToListAsync(ct);
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
