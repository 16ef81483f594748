using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace TechSupport.Application.Attachments;

// Attachments:MaxBytes and Attachments:RestrictedRetentionDays (DESIGN: configuration keys), read once at start;
// the folder is always the data folder's attachments, outside the web root.
public sealed record AttachmentSettings(string Folder, long MaxBytes, int RestrictedRetentionDays)
{
    public const long DefaultMaxBytes = 26_214_400;

    public const int DefaultRetentionDays = 30;

    // One upload carries a handful of files, each within MaxBytes; the request as a whole is bounded by both.
    public const int MaxFilesPerUpload = 10;

    // Room for each part's headers and boundaries beside its bytes.
    private const long PartOverhead = 64 * 1024;

    public long MaxUploadBytes => MaxFilesPerUpload * (MaxBytes + PartOverhead);

    public string TooBig => $"Each file may be at most {Describe(MaxBytes)}.";

    public static AttachmentSettings Resolve(IConfiguration config, string dataPath)
    {
        var maxBytes = DefaultMaxBytes;
        if (config["Attachments:MaxBytes"] is { Length: > 0 } maxText
            && (!long.TryParse(maxText, NumberStyles.None, CultureInfo.InvariantCulture, out maxBytes) || maxBytes < 1
                || maxBytes > int.MaxValue))
        {
            throw new InvalidOperationException("Attachments:MaxBytes must be a whole number of bytes from 1 to 2147483647.");
        }

        var days = DefaultRetentionDays;
        if (config["Attachments:RestrictedRetentionDays"] is { Length: > 0 } daysText
            && (!int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days > 36_500))
        {
            throw new InvalidOperationException("Attachments:RestrictedRetentionDays must be a whole number of days from 0 to 36500.");
        }

        return new AttachmentSettings(Path.Combine(dataPath, "attachments"), maxBytes, days);
    }

    // 26214400 reads "25 MB", as people say it (binary megabytes, as the default was chosen).
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{(bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} MB",
        >= 1024 => $"{(bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture)} KB",
        1 => "1 byte",
        _ => $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes",
    };
}
