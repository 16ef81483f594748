using System.Globalization;
using System.Text;

namespace TechSupport.Application.Attachments;

// The uploader's name for a file, made safe to show and to hand back in a download's Content-Disposition. It is
// never used on disk: the bytes live under the attachment's id.
public static class AttachmentNames
{
    public const int MaxLength = 255;

    public const string Fallback = "attachment";

    // Characters a name must not carry: quotes would end the header's quoted string, the rest are refused by
    // Windows when the file is saved.
    private const string Stripped = "\"'<>:*?|";

    public static string Safe(string? uploaded)
    {
        var name = uploaded ?? "";
        // Browsers on Windows once sent the whole path; either separator ends a folder.
        var slash = name.LastIndexOfAny(['/', '\\']);
        name = slash >= 0 ? name[(slash + 1)..] : name;
        var kept = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            // Control characters, and format characters such as the right-to-left override that can make
            // "gnp.exe" read as "exe.png".
            var category = char.GetUnicodeCategory(c);
            if (char.IsControl(c) || category is UnicodeCategory.Format or UnicodeCategory.LineSeparator
                    or UnicodeCategory.ParagraphSeparator || Stripped.Contains(c, StringComparison.Ordinal))
            {
                continue;
            }

            kept.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }

        name = kept.ToString().Trim().Trim('.').Trim();
        if (name.Length == 0)
        {
            return Fallback;
        }

        if (name.Length > MaxLength)
        {
            // Keep the extension so the saved file still opens with the right program.
            var dot = name.LastIndexOf('.');
            var extension = dot > 0 && name.Length - dot <= 16 ? name[dot..] : "";
            var stem = name[..(MaxLength - extension.Length)];
            // Never split a surrogate pair.
            if (char.IsHighSurrogate(stem[^1]))
            {
                stem = stem[..^1];
            }

            name = stem + extension;
        }

        return name;
    }

    // RFC 6266 with RFC 5987: an ASCII fallback in filename and the name itself, UTF-8 and percent-encoded, in
    // filename*, which every current browser prefers.
    public static string ContentDisposition(string fileName)
    {
        var safe = Safe(fileName);
        var ascii = new StringBuilder(safe.Length);
        foreach (var c in safe)
        {
            ascii.Append(c is >= ' ' and <= '~' && c != '\\' ? c : '_');
        }

        var encoded = new StringBuilder(safe.Length * 3);
        foreach (var b in Encoding.UTF8.GetBytes(safe))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || "!#$&+-.^_`|~".Contains((char)b, StringComparison.Ordinal))
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}";
    }
}
