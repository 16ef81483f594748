using System.Globalization;
using System.Text.RegularExpressions;

namespace TechSupport.Domain;

// What a workaround may change about the picture or the sound (K9).
public enum DeliverableAspect
{
    FrameRate,
    Resolution,
    BitDepth,
    ColourSpace,
    Transfer,
    Loudness,
    Codec,
    Wrapper,
    SampleRate
}

public sealed record WorkaroundChange(DeliverableAspect Aspect, string Value);

public sealed record DeliverableConflict(DeliverableAspect Aspect, string Change, string Deliverable, string Message);

// K9: a workaround's changes checked against the production's deliverable spec. A change the spec
// says nothing about, or that cannot be read as a value, is not a conflict: the check warns of what
// it can prove, and the engineer's acceptability judgement covers the rest.
public static partial class DeliverableCheck
{
    public static IReadOnlyList<DeliverableConflict> Conflicts(IEnumerable<WorkaroundChange> changes, DeliverableSpec? spec)
    {
        if (spec is null)
        {
            return [];
        }

        var conflicts = new List<DeliverableConflict>();
        foreach (var change in changes)
        {
            var wanted = Wanted(spec, change.Aspect);
            if (string.IsNullOrWhiteSpace(wanted) || Conflict(change.Aspect, change.Value, wanted) is not { } message)
            {
                continue;
            }

            conflicts.Add(new DeliverableConflict(change.Aspect, change.Value.Trim(), wanted.Trim(), message));
        }

        return conflicts;
    }

    private static string? Wanted(DeliverableSpec spec, DeliverableAspect aspect) => aspect switch
    {
        DeliverableAspect.FrameRate => spec.FrameRate,
        DeliverableAspect.Resolution => spec.Resolution,
        DeliverableAspect.BitDepth => spec.BitDepth,
        DeliverableAspect.ColourSpace => spec.ColourSpace,
        DeliverableAspect.Transfer => spec.Transfer,
        DeliverableAspect.Loudness => spec.LoudnessTarget,
        DeliverableAspect.Codec => spec.Codec,
        DeliverableAspect.Wrapper => spec.Wrapper,
        DeliverableAspect.SampleRate => spec.SampleRate,
        _ => null,
    };

    private static string? Conflict(DeliverableAspect aspect, string change, string wanted)
    {
        switch (aspect)
        {
            // Fractional rates are written to two places ("23.98" for 23.976); the nearest distinct rates are 0.024 apart.
            case DeliverableAspect.FrameRate when Number(change) is { } got && Number(wanted) is { } need:
                return Math.Abs(got - need) > 0.005m ? $"{Show(got)} fps is not the deliverable's {Show(need)} fps." : null;
            case DeliverableAspect.BitDepth when Number(change) is { } got && Number(wanted) is { } need:
                return got < need ? $"{Show(got)}-bit is below the deliverable's {Show(need)}-bit." : null;
            case DeliverableAspect.Loudness when Number(change) is { } got && Number(wanted) is { } need:
                // EBU R128 allows ±1 LU around the target for programmes.
                return Math.Abs(got - need) > 1m ? $"{Show(got)} LUFS is off the deliverable's {Show(need)} LUFS target." : null;
            case DeliverableAspect.SampleRate when Hertz(change) is { } got && Hertz(wanted) is { } need:
                return got != need ? $"{Show(got / 1000m)} kHz is not the deliverable's {Show(need / 1000m)} kHz." : null;
            case DeliverableAspect.Resolution when Pixels(change) is { } got && Pixels(wanted) is { } need:
                return got.Width * got.Height < need.Width * need.Height
                    ? $"{got.Width}x{got.Height} is below the deliverable's {need.Width}x{need.Height}."
                    : null;
            case DeliverableAspect.ColourSpace or DeliverableAspect.Transfer or DeliverableAspect.Codec or DeliverableAspect.Wrapper:
                return Name(change) != Name(wanted) ? $"{change.Trim()} is not the deliverable's {wanted.Trim()}." : null;
            default:
                return null;
        }
    }

    private static string Show(decimal value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    // Specs pasted from documents write loudness with a typographic minus (U+2212) or an en dash;
    // read as no sign at all, "−23 LUFS" would be +23 and conflict with "-23 LUFS".
    private static decimal? Number(string text) =>
        NumberPattern().Match(text.Replace('\u2212', '-').Replace('\u2013', '-')) is { Success: true } m
        && decimal.TryParse(m.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    private static decimal? Hertz(string text) =>
        Number(text) is not { } value ? null
        : text.Contains('k', StringComparison.OrdinalIgnoreCase) || value < 1_000 ? value * 1000 : value;

    private static (int Width, int Height)? Pixels(string text)
    {
        var m = PixelsPattern().Match(text);
        if (m.Success)
        {
            return (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        }

        return Name(text) switch
        {
            "uhd" or "4kuhd" or "uhd1" or "2160p" => (3840, 2160),
            "4k" or "dci4k" => (4096, 2160),
            "2k" or "dci2k" => (2048, 1080),
            "hd" or "fullhd" or "1080p" or "1080i" => (1920, 1080),
            "720p" => (1280, 720),
            "8k" or "4320p" => (7680, 4320),
            _ => null,
        };
    }

    // "Rec.709", "rec 709", "BT.709" and "ITU-R BT.709" are one colour space; "SMPTE ST 2084" is PQ.
    private static string Name(string text)
    {
        var name = NamePattern().Replace(text.ToLowerInvariant(), "");
        return name switch
        {
            "rec709" or "bt709" or "iturbt709" => "bt709",
            "rec2020" or "bt2020" or "iturbt2020" => "bt2020",
            "rec2100" or "bt2100" or "iturbt2100" => "bt2100",
            "st2084" or "smpte2084" or "smptest2084" or "pq" => "pq",
            "bt1886" or "iturbt1886" or "gamma24" => "bt1886",
            "dcip3" or "p3dci" => "p3dci",
            "p3d65" or "displayp3" => "p3d65",
            "quicktime" or "mov" => "mov",
            "mxfop1a" or "mxf" => "mxf",
            _ => name,
        };
    }

    [GeneratedRegex(@"[-+]?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"(\d{3,5})\s*[xX×]\s*(\d{3,5})")]
    private static partial Regex PixelsPattern();

    [GeneratedRegex(@"[^a-z0-9]")]
    private static partial Regex NamePattern();
}
