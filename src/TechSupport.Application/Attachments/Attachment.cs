namespace TechSupport.Application.Attachments;

// A file attached to a fault (S4–S5). The bytes live outside the database and the web root, under
// the attachment's random id; visibility is always the fault's, so the row holds no classification.
public sealed class Attachment
{
    public Guid Id { get; set; }
    public Guid FaultId { get; set; }
    // The name the uploader gave, made safe for display and for a download's Content-Disposition.
    public string FileName { get; set; } = "";
    // What the content is, by its bytes, never by its name or declared type.
    public AttachmentKind Kind { get; set; }
    public string ContentType { get; set; } = "";
    public long Size { get; set; }
    public string Sha256 { get; set; } = "";
    // S5: Restricted attachments are stored with authenticated encryption.
    public bool Encrypted { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
    public Guid? UploadedById { get; set; }
    public string UploadedByName { get; set; } = "";
    // S5: the bytes are gone once this is set; the row stays so the fault's history still names the file.
    public DateTimeOffset? PurgedAt { get; set; }
}

public enum AttachmentKind
{
    Text,
    Png,
    Jpeg,
    Gif,
    Pdf,
    Json,
    Xml,
    Video,
    Audio
}
