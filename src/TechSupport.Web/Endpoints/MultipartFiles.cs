using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Attachments;

namespace TechSupport.Web.Endpoints;

// The files of a multipart/form-data body, each part named `file` streamed straight into the upload: nothing is
// buffered in memory beyond one read, and the form limits of the framework never come into it.
internal static class MultipartFiles
{
    public const string Malformed = "The upload is not well-formed multipart/form-data; send each file in a part named file.";

    private const int MaxBoundaryLength = 70;

    public static async Task ReadAsync(HttpRequest request, PendingUpload upload, AttachmentSettings settings, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !string.Equals(type.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Value is not { Length: > 0 and <= MaxBoundaryLength } boundary)
        {
            throw Invalid.Field("file", "Send the files as multipart/form-data, each in a part named file.");
        }

        var tooBig = $"An upload may be at most {AttachmentSettings.MaxFilesPerUpload} files of {AttachmentSettings.Describe(settings.MaxBytes)} each.";
        if (request.ContentLength > settings.MaxUploadBytes)
        {
            throw Invalid.Field("file", tooBig);
        }

        // The upload's own bound replaces the server's, which may be lower than Attachments:MaxBytes allows.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        var body = new LimitedStream(request.Body, settings.MaxUploadBytes, "file", tooBig, Malformed);
        var reader = new MultipartReader(boundary, body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
        while (await NextAsync(reader, ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
                || !string.Equals(HeaderUtilities.RemoveQuotes(disposition.Name).Value, "file", StringComparison.Ordinal))
            {
                // Other fields mean nothing here; the reader skips what is left of them.
                continue;
            }

            if (!disposition.IsFileDisposition())
            {
                throw Invalid.Field("file", "Each part named file must be a file, with a filename.");
            }

            var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
            await upload.AddAsync(new LimitedStream(section.Body, long.MaxValue, "file", tooBig, Malformed), name, ct);
        }

        if (upload.Files.Count == 0)
        {
            throw Invalid.Field("file", "Attach at least one file, in a part named file.");
        }
    }

    private static async Task<MultipartSection?> NextAsync(MultipartReader reader, CancellationToken ct)
    {
        try
        {
            return await reader.ReadNextSectionAsync(ct);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw Invalid.Field("file", Malformed);
        }
    }
}
