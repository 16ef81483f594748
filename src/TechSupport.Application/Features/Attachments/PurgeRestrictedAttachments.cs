using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Attachments;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Attachments;

// S5: the bytes of a Restricted fault's attachments go Attachments:RestrictedRetentionDays after the fault is
// closed; the row stays, marked purged, and that change is the audit event (AuditTrail, in the same hash chain).
// A reopened fault is not closed, so its clock stops until it closes again. Sent by the purge job as the system.
[RequiresRole(Role.Admin)]
public sealed record PurgeRestrictedAttachments(int BatchSize = 100) : ICommand<PurgeResult>;

public sealed record PurgeResult(int Purged, bool More);

public sealed class PurgeRestrictedAttachmentsHandler(TechSupportDbContext db, TimeProvider clock, AttachmentStore store)
    : ICommandHandler<PurgeRestrictedAttachments, PurgeResult>
{
    public async ValueTask<PurgeResult> Handle(PurgeRestrictedAttachments command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        DateTimeOffset? closedBy = now.AddDays(-store.Settings.RestrictedRetentionDays);
        var due = await (
                from a in db.Attachments
                join f in db.Faults on a.FaultId equals f.Id
                where a.PurgedAt == null && f.Classification == Classification.Restricted && f.Status == FaultStatus.Closed
                    && f.ClosedAt != null && f.ClosedAt <= closedBy
                orderby a.UploadedAt
                select a)
            .Take(command.BatchSize + 1)
            .ToListAsync(cancellationToken);

        foreach (var attachment in due.Take(command.BatchSize))
        {
            // The bytes first: should the save fail, the next run finds the row unpurged and deleting again is harmless.
            store.Purge(attachment.Id);
            attachment.PurgedAt = now;
        }

        return new PurgeResult(Math.Min(due.Count, command.BatchSize), due.Count > command.BatchSize);
    }
}
