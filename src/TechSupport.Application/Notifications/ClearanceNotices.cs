using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Notifications;

// Every clearance granted for a Restricted production is told to the managers (issue 9), since that is the one
// way into such a production's material (S2: no role by rank). By e-mail, queued with the grant: a bell line
// belongs to a fault. Managers by role only, active ones with an account that reads mail.
public sealed class ClearanceNotices(TechSupportDbContext db, IOptions<NotificationOptions> options, TimeProvider clock)
{
    private readonly NotificationOptions _options = options.Value;

    public async Task RestrictedClearancesGrantedAsync(IReadOnlyCollection<Production> productions, UserAccess grantee,
        string grantedBy, CancellationToken ct)
    {
        if (!_options.MailEnabled || productions.Count == 0)
        {
            return;
        }

        const string manager = nameof(Role.Manager);
        var managerIds = await db.Users.AsNoTracking()
            .Where(u => u.DeactivatedAt == null && u.PasswordHash != null
                && db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == manager)))
            .Select(u => u.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var reader in await db.AccessesAsync(managerIds, ct))
        {
            if (string.IsNullOrWhiteSpace(reader.Email))
            {
                continue;
            }

            foreach (var production in productions)
            {
                db.MailOutbox.Add(Mail(reader, production, grantee, grantedBy, now));
            }
        }
    }

    private MailMessage Mail(UserAccess reader, Production production, UserAccess grantee, string grantedBy, DateTimeOffset now)
    {
        // S2 and S3: a manager is not cleared for a Restricted production by their role, and an e-mail never names
        // what its reader may not see. A manager cleared for it reads its name; any other reads its id, which is how
        // the audit log records the clearance (ProductionClearance "user,production"), so the grant can be followed
        // up there without the e-mail telling what the production is.
        var named = AccessPolicy.CanSee(reader.Viewer, production)
            ? $"Restricted production {production.Name}"
            : $"a Restricted production you are not cleared for (id {production.Id})";
        var told = $"{grantedBy} cleared {grantee.DisplayName} for {named}";
        var body = $"{told}.\n\n{grantee.DisplayName} <{grantee.Email}> may now read its faults, articles and attachments. "
            + "Every grant of a Restricted clearance is in the audit log; if this one was not expected, ask the administrator.\n\n"
            + $"{_options.BaseUrl.TrimEnd('/')}/\n";
        return new MailMessage
        {
            To = reader.Email,
            Subject = Clip(told, 300),
            Body = Clip(body, 8_000),
            EnqueuedAt = now,
            NextAttemptAt = now,
        };
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
