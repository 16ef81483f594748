using TechSupport.Application.Features.Faults;
using TechSupport.Application.Features.Shared;
using TechSupport.Domain;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Faults;

// The words a briefing uses, shared by its Markdown and its printable page so both say the same.
public static class BriefingText
{
    public sealed record TargetLine(string Name, FacilityTime? By, string State, bool Missed);

    public static IReadOnlyList<(string Part, string Value)> SpecParts(DeliverableSpec spec) =>
        new (string Part, string? Value)[]
        {
            ("Resolution", spec.Resolution),
            ("Frame rate", spec.FrameRate),
            ("Codec", spec.Codec),
            ("Wrapper", spec.Wrapper),
            ("Colour space", spec.ColourSpace),
            ("Transfer", spec.Transfer),
            ("Loudness target", spec.LoudnessTarget),
            ("Bit depth", spec.BitDepth),
            ("Sample rate", spec.SampleRate),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => (p.Part, p.Value!.Trim())).ToList(); // filtered non-blank above

    // The API names an aspect as JSON does (frameRate); people read "frame rate".
    public static string Aspect(string aspect) =>
        Enum.TryParse<DeliverableAspect>(aspect, true, out var value)
            ? value switch
            {
                DeliverableAspect.FrameRate => "frame rate",
                DeliverableAspect.BitDepth => "bit depth",
                DeliverableAspect.ColourSpace => "colour space",
                DeliverableAspect.SampleRate => "sample rate",
                _ => value.ToString().ToLowerInvariant(),
            }
            : aspect;

    public static string Sla(BriefingView b) => b.Sla switch
    {
        { Next: null } when b.Status is FaultStatus.Resolved or FaultStatus.Closed => "No target running: the fault is " +
            b.Status.ToString().ToLowerInvariant() + ".",
        { Next: null } => "Every target of this cycle is met.",
        { Breached: true } s => $"{Capital(s.Next)} target BREACHED: it was due {s.DueAt}.",
        { AtRisk: true } s => $"{Capital(s.Next)} target at risk: due {s.DueAt}.",
        var s => $"{Capital(s.Next)} target next: due {s.DueAt}.",
    };

    public static IReadOnlyList<TargetLine> Targets(BriefingView b)
    {
        var t = b.Targets;
        var now = b.PreparedAt.At;
        TargetLine Line(string name, FacilityTime? by, FacilityTime? met)
        {
            if (by is null)
            {
                return new TargetLine(name, null, "no target at this severity", false);
            }

            if (met is not null)
            {
                return met.At > by.At
                    ? new TargetLine(name, by, $"met late, {met}", true)
                    : new TargetLine(name, by, $"met {met}", false);
            }

            return now > by.At ? new TargetLine(name, by, "missed", true) : new TargetLine(name, by, "not met yet", false);
        }

        return
        [
            Line("Acknowledge", t.AcknowledgeBy, t.AcknowledgedAt),
            Line("Restore (workaround)", t.RestoreBy, t.RestoredAt ?? t.ResolvedAt),
            Line("Resolve", t.ResolveBy, t.ResolvedAt),
        ];
    }

    public static IReadOnlyList<string> Flags(BriefingView b) =>
        new (bool On, string Text)[]
        {
            (b.HealthAndSafety, "Health and safety: the suite is out of service until a manager signs the fault off"),
            (b.SecurityIncident, "Security incident: Restricted, attachments locked"),
            (b.QcFlagged, "The deliverable is flagged for QC because of a short cut taken on it"),
        }.Where(f => f.On).Select(f => f.Text).ToList();

    public static string Equipment(BriefingEquipment e) =>
        string.Join(", ", new[]
        {
            $"{Labels.Of(e.Kind)}: {e.Make} {e.Model}",
            e.Serial is { } serial ? $"serial {serial}" : null,
            e.Firmware is { } firmware ? $"firmware {firmware}" : null,
        }.OfType<string>());

    // "scope.png (PNG image, 1.2 KB), attached 23 Nov 10:02 by Dana"; a purged file says when its bytes went (S5).
    public static string Attachment(BriefingAttachment a) =>
        $"{a.FileName} ({Labels.Of(a.Kind)}, {Labels.Size(a.Size)}), attached {a.UploadedAt} by {a.UploadedBy}"
        + (a.PurgedAt is { } purged ? $"; purged on {purged}" : "");

    public static string EffectivenessOf(Effectiveness value) => value == Effectiveness.Unverified
        ? "not yet verified"
        : Labels.Of(value).ToLowerInvariant();

    private static string Capital(string? word) =>
        string.IsNullOrEmpty(word) ? "" : char.ToUpperInvariant(word[0]) + word[1..];
}
