using TechSupport.Application.Attachments;

namespace TechSupport.Application.Features.Attachments;

// An attachment as the API reads it. PurgedAt is set once S5's retention has deleted its bytes; the row stays so
// the fault still names the file.
public sealed record AttachmentView(
    Guid Id,
    Guid FaultId,
    string FileName,
    AttachmentKind Kind,
    string ContentType,
    long Size,
    string Sha256,
    bool Encrypted,
    DateTimeOffset UploadedAt,
    string UploadedBy,
    DateTimeOffset? PurgedAt)
{
    public static AttachmentView From(Attachment a) => new(a.Id, a.FaultId, a.FileName, a.Kind, a.ContentType, a.Size, a.Sha256,
        a.Encrypted, a.UploadedAt, a.UploadedByName, a.PurgedAt);
}
