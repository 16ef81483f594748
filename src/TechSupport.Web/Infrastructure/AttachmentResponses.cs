using System.Globalization;
using System.Security.Cryptography;
using TechSupport.Application.Attachments;
using TechSupport.Application.Features.Attachments;

namespace TechSupport.Web.Infrastructure;

// An attachment's bytes as a download, for the API and the pages alike (S4): always an attachment, never shown
// inline, with its detected type and nosniff, a safe file name, and no copy kept by any cache.
public static partial class AttachmentResponses
{
    public static string Purged(DateTimeOffset purgedAt) =>
        $"This attachment was purged on {purgedAt.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} under the retention rule for Restricted material, so its file no longer exists.";

    // The whole file is checked before the first byte is sent, so a damaged one is refused with a clear answer
    // (AttachmentStore.VerifyAsync throws DomainRuleException) rather than cut off halfway.
    public static async Task WriteAsync(HttpContext http, AttachmentDownload download, AttachmentStore store, ILogger logger,
        CancellationToken ct)
    {
        await store.VerifyAsync(download.File, ct);
        var response = http.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = download.ContentType;
        response.ContentLength = download.Size;
        response.Headers.ContentDisposition = AttachmentNames.ContentDisposition(download.FileName);
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.CacheControl = "no-store";
        // Should a browser open it after all, it runs nothing and reaches nothing.
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        try
        {
            await store.CopyToAsync(download.File, response.Body, ct);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException)
        {
            // Changed on disk since it was verified a moment ago: the headers are gone, so the only honest answer left
            // is to break the connection, and the client sees an incomplete download.
            ChangedWhileSent(logger, download.File.Id, download.File.FaultId, ex.GetType().Name);
            http.Abort();
        }
    }

    [LoggerMessage(LogLevel.Error, "Attachment {AttachmentId} of fault {FaultId} failed while it was sent ({Failure}); the download was cut off")]
    private static partial void ChangedWhileSent(ILogger logger, Guid attachmentId, Guid faultId, string failure);
}
