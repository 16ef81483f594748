using System.Text.Json;
using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Attachments;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Attachments;

// Opening an attachment: a command, because reading Confidential or Restricted material is itself recorded (S6),
// in the audit trail's hash chain (S7). An attachment is found exactly when its fault is visible (S3); a purged
// one answers with when, and has nothing to read.
public sealed record DownloadAttachment(Guid Id) : ICommand<AttachmentDownload>;

public sealed record AttachmentDownload(StoredFile File, string FileName, string ContentType, long Size, string FaultNumber,
    DateTimeOffset? PurgedAt);

public sealed class DownloadAttachmentHandler(TechSupportDbContext db, ICurrentUser user)
    : ICommandHandler<DownloadAttachment, AttachmentDownload>
{
    public async ValueTask<AttachmentDownload> Handle(DownloadAttachment command, CancellationToken cancellationToken)
    {
        var found = await (
                from a in db.Attachments.AsNoTracking()
                join f in db.Faults.VisibleTo(user) on a.FaultId equals f.Id
                where a.Id == command.Id
                select new { Attachment = a, f.Number, f.Classification, f.AttachmentsLocked })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("attachment");
        AttachmentAccess.CheckMayDownload(found.AttachmentsLocked, user);

        var attachment = found.Attachment;
        var number = FaultNumber.Format(found.Number);
        if (attachment.PurgedAt is null && found.Classification != Classification.Standard)
        {
            db.QueueAuditEvent("Download", nameof(Attachment), attachment.Id.ToString(), JsonSerializer.Serialize(new
            {
                attachment.FaultId,
                Fault = number,
                Classification = found.Classification.ToString(),
                attachment.FileName,
            }));
        }

        return new AttachmentDownload(new StoredFile(attachment.Id, attachment.FaultId, attachment.Encrypted, attachment.Sha256),
            attachment.FileName, attachment.ContentType, attachment.Size, number, attachment.PurgedAt);
    }
}
