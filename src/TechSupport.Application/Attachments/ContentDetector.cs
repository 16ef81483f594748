using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using TechSupport.Domain;

namespace TechSupport.Application.Attachments;

// What a file is, by its bytes, never by its name or declared type (S4).
public sealed record ContentVerdict(AttachmentKind? Kind, string ContentType, string? Refusal)
{
    public bool Accepted => Refusal is null;

    public static ContentVerdict Of(AttachmentKind kind, string contentType) => new(kind, contentType, null);

    public static ContentVerdict Refused(string reason) => new(null, "", reason);
}

// S4 as one pure function of a file's content: a seekable stream in, a verdict out. Magic bytes decide
// binary kinds; text must be valid UTF-8 without NULs, and is then told apart as JSON (it parses), XML
// (well formed, no DTD), a script or markup (refused) or plain text. Anything else is refused: the list
// of what is accepted is short on purpose.
public static partial class ContentDetector
{
    // Enough for every signature, MXF's run-in (under 64 KiB by SMPTE 377) and the start of a script.
    public const int HeadLength = 64 * 1024;

    private const string NeverAccepted = "executables and scripts are never accepted.";

    public const string NotAccepted =
        "This kind of file is not accepted; attach text or logs, PNG, JPEG or GIF images, PDF, JSON or XML.";

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // The MXF header partition pack key (SMPTE 377-1), up to the byte that says which partition it is.
    private static readonly byte[] MxfPartitionKey = [0x06, 0x0E, 0x2B, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0D, 0x01, 0x02];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // What the browser would run or render if it ever showed the file: refused however it is named.
    private static readonly string[] MarkupMarkers = ["<!doctype html", "<html", "<script", "<svg", "<?php", "<iframe"];

    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";
    private const string SvgNamespace = "http://www.w3.org/2000/svg";

    // The first lines of a text file that look like a script are looked at, not the whole file: a log may quote
    // a command deep inside, and it is only ever downloaded as an attachment, never run or shown.
    private const int ScriptLines = 40;

    public static async Task<ContentVerdict> DetectAsync(Stream content, CancellationToken ct)
    {
        if (!content.CanSeek || !content.CanRead)
        {
            throw new ArgumentException("The content is read more than once, so it must be a seekable stream.", nameof(content));
        }

        var length = content.Length;
        if (length == 0)
        {
            return ContentVerdict.Refused("The file is empty.");
        }

        var head = new byte[(int)Math.Min(HeadLength, length)];
        content.Position = 0;
        await content.ReadExactlyAsync(head, ct);

        if (Binary(head, length) is { } binary)
        {
            return binary.Kind == AttachmentKind.Png ? await PngAsync(content, length, ct) : binary;
        }

        if (head.AsSpan().Contains((byte)0) || !await IsUtf8WithoutNulAsync(content, ct))
        {
            return ContentVerdict.Refused(NotAccepted);
        }

        return await TextAsync(content, head, ct);
    }

    // S4: media essence only ever goes on a Standard fault; the classification is the fault's effective one.
    public static ContentVerdict Admit(ContentVerdict detected, Classification classification) =>
        detected.Kind is AttachmentKind.Video or AttachmentKind.Audio && classification != Classification.Standard
            ? ContentVerdict.Refused(
                $"This file is {(detected.Kind == AttachmentKind.Video ? "video" : "audio")} essence; media is never attached to a {classification} fault.")
            : detected;

    private static ContentVerdict? Binary(ReadOnlySpan<byte> h, long length)
    {
        if (h.StartsWith("MZ"u8))
        {
            return ContentVerdict.Refused($"This file is a Windows executable; {NeverAccepted}");
        }

        if (Starts(h, 0x7F, (byte)'E', (byte)'L', (byte)'F'))
        {
            return ContentVerdict.Refused($"This file is a Linux executable (ELF); {NeverAccepted}");
        }

        // Mach-O, 32 and 64 bit in both byte orders, and the universal ("fat") wrapper, which Java class files share.
        if (h.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(h) is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE
                or 0xCAFEBABE or 0xCAFEBABF)
        {
            return ContentVerdict.Refused($"This file is a macOS executable (Mach-O); {NeverAccepted}");
        }

        if (h.StartsWith("\0asm"u8))
        {
            return ContentVerdict.Refused($"This file is a WebAssembly program; {NeverAccepted}");
        }

        if (h.StartsWith("PK\x03\x04"u8) || h.StartsWith("PK\x05\x06"u8) || h.StartsWith("PK\x07\x08"u8)
            || Starts(h, 0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1))
        {
            return ContentVerdict.Refused(
                "This file is an archive (ZIP, or an Office document, which is one); archives are not accepted, so attach what is inside it instead.");
        }

        if (h.StartsWith(PngSignature))
        {
            return ContentVerdict.Of(AttachmentKind.Png, "image/png");
        }

        if (Starts(h, 0xFF, 0xD8, 0xFF))
        {
            return ContentVerdict.Of(AttachmentKind.Jpeg, "image/jpeg");
        }

        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8))
        {
            return ContentVerdict.Of(AttachmentKind.Gif, "image/gif");
        }

        if (h.StartsWith("%PDF-"u8))
        {
            return ContentVerdict.Of(AttachmentKind.Pdf, "application/pdf");
        }

        return Media(h, length);
    }

    private static ContentVerdict? Media(ReadOnlySpan<byte> h, long length)
    {
        static ContentVerdict Video(string type) => ContentVerdict.Of(AttachmentKind.Video, type);
        static ContentVerdict Audio(string type) => ContentVerdict.Of(AttachmentKind.Audio, type);

        if (h.Length >= 12 && h[4..8].SequenceEqual("ftyp"u8))
        {
            var brand = h[8..12];
            return brand.SequenceEqual("qt  "u8) ? Video("video/quicktime")
                : brand.SequenceEqual("M4A "u8) || brand.SequenceEqual("M4B "u8) ? Audio("audio/mp4")
                : Video("video/mp4");
        }

        // A QuickTime movie from before ftyp starts straight with an atom; its size must fit the file.
        if (h.Length >= 8 && (h[4..8].SequenceEqual("moov"u8) || h[4..8].SequenceEqual("mdat"u8) || h[4..8].SequenceEqual("wide"u8)
                || h[4..8].SequenceEqual("free"u8) || h[4..8].SequenceEqual("skip"u8) || h[4..8].SequenceEqual("pnot"u8))
            && BinaryPrimitives.ReadUInt32BigEndian(h) is var size && (size is 0 or 1 || (size >= 8 && size <= length)))
        {
            return Video("video/quicktime");
        }

        if (h.IndexOf(MxfPartitionKey) >= 0)
        {
            return Video("application/mxf");
        }

        if (h.Length >= 12 && (h.StartsWith("RIFF"u8) || h.StartsWith("RF64"u8) || h.StartsWith("BW64"u8)))
        {
            var form = h[8..12];
            if (form.SequenceEqual("WAVE"u8))
            {
                return Audio("audio/wav");
            }

            if (form.SequenceEqual("AVI "u8))
            {
                return Video("video/x-msvideo");
            }
        }

        if (h.Length >= 12 && h.StartsWith("FORM"u8) && (h[8..12].SequenceEqual("AIFF"u8) || h[8..12].SequenceEqual("AIFC"u8)))
        {
            return Audio("audio/aiff");
        }

        if (Starts(h, 0x1A, 0x45, 0xDF, 0xA3))
        {
            return Video("video/x-matroska");
        }

        if (Starts(h, 0x00, 0x00, 0x01, 0xBA) || Starts(h, 0x00, 0x00, 0x01, 0xB3))
        {
            return Video("video/mpeg");
        }

        if (h.StartsWith("ID3"u8))
        {
            return Audio("audio/mpeg");
        }

        if (h.StartsWith("fLaC"u8))
        {
            return Audio("audio/flac");
        }

        if (h.StartsWith("OggS"u8))
        {
            return Audio("audio/ogg");
        }

        // An MPEG audio frame header: 11 sync bits, then a layer, bit rate and sample rate that are not reserved.
        if (h.Length >= 3 && h[0] == 0xFF && (h[1] & 0xE0) == 0xE0)
        {
            if ((h[1] & 0x06) != 0 && (h[2] & 0xF0) != 0xF0 && (h[2] & 0x0C) != 0x0C)
            {
                return Audio("audio/mpeg");
            }

            if ((h[1] & 0xF6) == 0xF0)
            {
                return Audio("audio/aac");
            }
        }

        return null;
    }

    // A PNG must be whole: IHDR first, every chunk inside the file, IEND last and nothing after it, so a cut-off
    // screenshot, or another file hiding behind an image, is refused.
    private static async Task<ContentVerdict> PngAsync(Stream content, long length, CancellationToken ct)
    {
        var damaged = ContentVerdict.Refused("This file starts as a PNG image but is cut short or damaged; attach the whole image.");
        var header = new byte[8];
        var position = (long)PngSignature.Length;
        var first = true;
        while (true)
        {
            if (position + 12 > length)
            {
                return damaged;
            }

            content.Position = position;
            await content.ReadExactlyAsync(header, ct);
            var size = BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = header.AsSpan(4, 4);
            if (size > int.MaxValue || !IsAsciiLetters(type) || (first && (!type.SequenceEqual("IHDR"u8) || size != 13)))
            {
                return damaged;
            }

            position += 12 + size;
            if (position > length)
            {
                return damaged;
            }

            if (type.SequenceEqual("IEND"u8))
            {
                return position == length
                    ? ContentVerdict.Of(AttachmentKind.Png, "image/png")
                    : ContentVerdict.Refused("This PNG image has other data hidden after its end; attach the image alone.");
            }

            first = false;
        }
    }

    private static bool Starts(ReadOnlySpan<byte> content, params ReadOnlySpan<byte> prefix) => content.StartsWith(prefix);

    private static bool IsAsciiLetters(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (!char.IsAsciiLetter((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static async Task<bool> IsUtf8WithoutNulAsync(Stream content, CancellationToken ct)
    {
        var decoder = StrictUtf8.GetDecoder();
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            content.Position = 0;
            while (true)
            {
                var read = await content.ReadAsync(buffer, ct);
                var chunk = buffer.AsSpan(0, read);
                if (chunk.Contains((byte)0))
                {
                    return false;
                }

                try
                {
                    decoder.GetCharCount(chunk, flush: read == 0);
                }
                catch (DecoderFallbackException)
                {
                    return false;
                }

                if (read == 0)
                {
                    return true;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task<ContentVerdict> TextAsync(Stream content, byte[] head, CancellationToken ct)
    {
        var bom = Starts(head, 0xEF, 0xBB, 0xBF) ? 3 : 0;
        // The head may end inside a character; the whole file has been checked already, so replacing it is harmless.
        var text = Encoding.UTF8.GetString(head, bom, head.Length - bom);
        var start = text.TrimStart();
        if (start.StartsWith("#!", StringComparison.Ordinal))
        {
            return ContentVerdict.Refused($"This file is a script (it starts with #!); {NeverAccepted}");
        }

        if (start.StartsWith('{') || start.StartsWith('['))
        {
            if (await IsJsonAsync(content, bom, ct))
            {
                return ContentVerdict.Of(AttachmentKind.Json, "application/json");
            }
        }

        var lower = text.ToLowerInvariant();
        if (MarkupMarkers.Any(m => lower.Contains(m, StringComparison.Ordinal)))
        {
            return Markup;
        }

        if (start.StartsWith('<'))
        {
            if (lower.Contains("<!doctype", StringComparison.Ordinal) || lower.Contains("<!entity", StringComparison.Ordinal))
            {
                return ContentVerdict.Refused(
                    "This XML declares a document type (DTD), which is never accepted; remove the DOCTYPE and attach it again.");
            }

            switch (await XmlAsync(content, ct))
            {
                case XmlVerdict.WellFormed:
                    return ContentVerdict.Of(AttachmentKind.Xml, "application/xml");
                case XmlVerdict.Markup:
                    return Markup;
            }

            // Not XML after all (a syslog line starts "<134>"): it is judged as text below.
        }

        var lines = start.Split('\n', ScriptLines + 1).Take(ScriptLines).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count > 0 && BatchFirstLine().IsMatch(lines[0]))
        {
            return ContentVerdict.Refused($"This file is a Windows batch script; {NeverAccepted}");
        }

        if (lines.Any(l => PowerShellLine().IsMatch(l)))
        {
            return ContentVerdict.Refused($"This file is a PowerShell script; {NeverAccepted}");
        }

        if (lines.Any(l => VbScriptLine().IsMatch(l)))
        {
            return ContentVerdict.Refused($"This file is a VBScript; {NeverAccepted}");
        }

        if (lines.Any(l => JavaScriptLine().IsMatch(l)))
        {
            return ContentVerdict.Refused($"This file is JavaScript; {NeverAccepted}");
        }

        return ContentVerdict.Of(AttachmentKind.Text, "text/plain; charset=utf-8");
    }

    private static ContentVerdict Markup => ContentVerdict.Refused(
        "This file is HTML or SVG markup, which can carry script; markup, executables and scripts are never accepted.");

    // Read in pieces with the reader's state carried between them, so a large export is never one buffer.
    private static async Task<bool> IsJsonAsync(Stream content, int start, CancellationToken ct)
    {
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 256 });
        var buffer = ArrayPool<byte>.Shared.Rent(81_920);
        try
        {
            content.Position = start;
            var kept = 0;
            while (true)
            {
                if (kept == buffer.Length)
                {
                    // One token longer than the buffer (a long string): grow to hold it.
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, kept).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await content.ReadAsync(buffer.AsMemory(kept), ct);
                var final = read == 0;
                var available = kept + read;
                if (!Advance(buffer.AsSpan(0, available), final, ref state, out var consumed))
                {
                    return false;
                }

                if (final)
                {
                    return true;
                }

                kept = available - consumed;
                buffer.AsSpan(consumed, kept).CopyTo(buffer);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static bool Advance(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state, out int consumed)
    {
        var reader = new Utf8JsonReader(data, final, state);
        try
        {
            while (reader.Read())
            {
            }
        }
        catch (JsonException)
        {
            consumed = 0;
            return false;
        }

        consumed = (int)reader.BytesConsumed;
        state = reader.CurrentState;
        return true;
    }

    private enum XmlVerdict
    {
        WellFormed,
        Markup,
        NotXml,
    }

    // DtdProcessing.Prohibit and no resolver: a DTD or an external entity fails the parse, and nothing is fetched.
    private static async Task<XmlVerdict> XmlAsync(Stream content, CancellationToken ct)
    {
        content.Position = 0;
        var settings = new XmlReaderSettings
        {
            Async = true,
            CloseInput = false,
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };
        try
        {
            using var reader = XmlReader.Create(content, settings);
            var root = true;
            while (await reader.ReadAsync())
            {
                ct.ThrowIfCancellationRequested();
                if (reader.NodeType != XmlNodeType.Element)
                {
                    continue;
                }

                var name = reader.LocalName.ToLowerInvariant();
                if ((root && name is "html" or "svg") || name == "script"
                    || reader.NamespaceURI is XhtmlNamespace or SvgNamespace)
                {
                    return XmlVerdict.Markup;
                }

                root = false;
            }

            return XmlVerdict.WellFormed;
        }
        catch (XmlException)
        {
            return XmlVerdict.NotXml;
        }
    }

    [GeneratedRegex(@"^(@\s*echo\b|echo\s+off\b|@?rem(\s|$)|::|@?setlocal\b|@\s*(if|call|goto|cd|set|start)\s)", RegexOptions.IgnoreCase)]
    private static partial Regex BatchFirstLine();

    [GeneratedRegex(@"^(#requires\s+-|param\s*\(|\[cmdletbinding|set-strictmode\b|\$erroractionpreference\b|import-module\s|invoke-(expression|webrequest|restmethod)\b|iex[\s(]|new-object\s|start-process\s|add-type\s|write-host\s|get-childitem\b|remove-item\s|set-itemproperty\b|function\s+[a-z]+-[a-z]+)|\s-encodedcommand\s", RegexOptions.IgnoreCase)]
    private static partial Regex PowerShellLine();

    [GeneratedRegex(@"^(on\s+error\s+resume\s+next\b|set\s+\w+\s*=\s*(wscript\.)?createobject\s*\(|wscript\.|createobject\s*\()", RegexOptions.IgnoreCase)]
    private static partial Regex VbScriptLine();

    [GeneratedRegex(@"^(['""]use strict['""]|(async\s+)?function\s*[\w$]*\s*\(|\(\s*(async\s*)?(function\b|\(\s*[\w$,\s]*\)\s*=>)|(const|let|var)\s+([\w$]+|\{[^}]*\}|\[[^\]]*\])\s*=|import\s+([\w${},*\s]+\s+from\s+)?['""]|export\s+(default|const|let|var|function|class|\{)|module\.exports\b|exports\.[\w$]+\s*=|require\s*\(|document\.|window\.|eval\s*\(|new\s+activexobject\b)", RegexOptions.IgnoreCase)]
    private static partial Regex JavaScriptLine();
}
