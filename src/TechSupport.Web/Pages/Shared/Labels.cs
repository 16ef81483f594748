using System.Globalization;
using Microsoft.AspNetCore.Mvc.Rendering;
using TechSupport.Application.Attachments;
using TechSupport.Application.Features.Faults;
using TechSupport.Application.Notifications;
using TechSupport.Domain;

namespace TechSupport.Web.Pages.Shared;

// The words people read for the domain's enums, and how times, ages and money are shown.
public static class Labels
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public static string Of(Severity value) => value switch
    {
        Severity.P1 => "P1 – session stopped",
        Severity.P2 => "P2 – degraded, work slowed",
        Severity.P3 => "P3 – minor, work goes on",
        Severity.P4 => "P4 – request",
        _ => value.ToString(),
    };

    public static string Short(Severity value) => value switch
    {
        Severity.P1 => "P1 stopped",
        Severity.P2 => "P2 degraded",
        Severity.P3 => "P3 minor",
        Severity.P4 => "P4 request",
        _ => value.ToString(),
    };

    public static string Of(WorkflowStage value) => value switch
    {
        WorkflowStage.Ingest => "Ingest",
        WorkflowStage.Offline => "Offline edit",
        WorkflowStage.Online => "Online / conform",
        WorkflowStage.Grade => "Grade",
        WorkflowStage.Audio => "Audio",
        WorkflowStage.Vfx => "VFX",
        WorkflowStage.Qc => "QC",
        WorkflowStage.Delivery => "Delivery / export",
        WorkflowStage.Archive => "Backup / archive",
        _ => value.ToString(),
    };

    public static string Of(FaultCategory value) => value switch
    {
        FaultCategory.Signal => "Signal / video I/O",
        FaultCategory.Format => "Format / codec",
        FaultCategory.Archive => "Archive / backup",
        FaultCategory.Os => "Operating system",
        _ => value.ToString(),
    };

    public static string Of(FaultStatus value) => value switch
    {
        FaultStatus.InProgress => "In progress",
        FaultStatus.WorkaroundApplied => "Workaround applied",
        _ => value.ToString(),
    };

    public static string Of(SuiteType value) => value switch
    {
        SuiteType.OfflineEdit => "Offline edit",
        SuiteType.OnlineEdit => "Online edit",
        SuiteType.AudioMix => "Audio dubbing / mix",
        SuiteType.Vfx => "VFX",
        SuiteType.MachineRoom => "MCR / machine room",
        SuiteType.QcBay => "QC bay",
        SuiteType.Ingest => "Ingest / I-O",
        SuiteType.DitCart => "DIT cart",
        _ => value.ToString(),
    };

    public static string Of(EquipmentKind value) => value switch
    {
        EquipmentKind.IoCard => "I/O card",
        EquipmentKind.ReferenceMonitor => "Reference monitor",
        EquipmentKind.SharedStorage => "Shared storage",
        EquipmentKind.NetworkSwitch => "Network switch",
        EquipmentKind.SyncGenerator => "Sync generator",
        EquipmentKind.LtoDrive => "LTO drive",
        EquipmentKind.AudioInterface => "Audio interface",
        EquipmentKind.ControlSurface => "Control surface",
        _ => value.ToString(),
    };

    public static string Of(SupportTier value) => SupportTiers.Name(value);

    public static string Of(FaultEventKind value) => value switch
    {
        FaultEventKind.StatusChanged => "Status changed",
        FaultEventKind.ClassificationChanged => "Classification changed",
        FaultEventKind.WorkaroundApplied => "Workaround applied",
        FaultEventKind.SeverityChanged => "Severity changed",
        FaultEventKind.ServiceChanged => "Suite service",
        FaultEventKind.RecurrenceLinked => "Recurring problem",
        FaultEventKind.EffectivenessChanged => "Effectiveness changed",
        FaultEventKind.Alert => "Monitoring alert",
        _ => value.ToString(),
    };

    public static string Of(AttachmentKind value) => value switch
    {
        AttachmentKind.Text => "Text",
        AttachmentKind.Png => "PNG image",
        AttachmentKind.Jpeg => "JPEG image",
        AttachmentKind.Gif => "GIF image",
        AttachmentKind.Pdf => "PDF",
        AttachmentKind.Json => "JSON",
        AttachmentKind.Xml => "XML",
        _ => value.ToString(),
    };

    // A file's size as people say it: bytes, KB or MB (of 1,024), one decimal.
    public static string Size(long bytes) => bytes switch
    {
        >= 1024 * 1024 => (bytes / (1024.0 * 1024)).ToString("0.#", British) + " MB",
        >= 1024 => (bytes / 1024.0).ToString("0.#", British) + " KB",
        1 => "1 byte",
        _ => bytes.ToString("N0", British) + " bytes",
    };

    public static string Of(NotificationKind value) => value switch
    {
        NotificationKind.Warning => "Near a target",
        NotificationKind.Assigned => "Assigned to you",
        NotificationKind.Alert => "Monitoring alert",
        _ => value.ToString(),
    };

    // Search documents carry statuses and categories as the enum's name; other kinds (an article is "Published") pass through.
    public static string? OfStatus(string? status) =>
        status is not null && Enum.TryParse<FaultStatus>(status, true, out var s) ? Of(s) : status;

    public static string? OfCategory(string? category) =>
        category is not null && Enum.TryParse<FaultCategory>(category, true, out var c) ? Of(c) : category;

    // K9: operators must tell an acceptable short cut from one that puts the deliverables at risk.
    public static string Of(Acceptability value) => value switch
    {
        Acceptability.AcceptableWithConditions => "Acceptable with conditions",
        Acceptability.Unacceptable => "Not acceptable for deliverables",
        _ => value.ToString(),
    };

    public static string Of(Acceptability value, string? conditions) =>
        string.IsNullOrWhiteSpace(conditions) ? Of(value)
        : value == Acceptability.AcceptableWithConditions ? $"Acceptable if: {conditions.Trim()}"
        : $"{Of(value)} — conditions: {conditions.Trim()}";

    public static string Css(Acceptability value) => value switch
    {
        Acceptability.Acceptable => "accept-ok",
        Acceptability.AcceptableWithConditions => "accept-if",
        _ => "accept-no",
    };

    public static string Of(SourceReliability value) => value switch
    {
        SourceReliability.InHouseVerified => "In-house, verified",
        SourceReliability.Vendor => "Vendor",
        SourceReliability.Community => "Community",
        _ => value.ToString(),
    };

    public static string Of(Effectiveness value) => value switch
    {
        Effectiveness.Unverified => "Not yet verified",
        Effectiveness.Partial => "Partly effective",
        _ => value.ToString(),
    };

    public static string Of(DeliverableAspect value) => value switch
    {
        DeliverableAspect.FrameRate => "Frame rate",
        DeliverableAspect.BitDepth => "Bit depth",
        DeliverableAspect.ColourSpace => "Colour space",
        DeliverableAspect.SampleRate => "Sample rate",
        _ => value.ToString(),
    };

    // An SLA target as the API names it ("acknowledge").
    public static string Target(string apiName) => apiName switch
    {
        "acknowledge" => "Acknowledge",
        "restore" => "Restore (workaround)",
        "resolve" => "Resolve",
        _ => apiName,
    };

    // A workaround's change as the API names its aspect ("bitDepth").
    public static string Aspect(string apiName) =>
        Enum.TryParse<DeliverableAspect>(apiName, true, out var aspect) ? Of(aspect) : apiName;

    public static IEnumerable<SelectListItem> Options<T>(Func<T, string> label) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new SelectListItem(label(v), v.ToString()));

    public static IEnumerable<SelectListItem> Options<T>() where T : struct, Enum => Options<T>(v => v.ToString());

    public static string Age(TimeSpan age) => age switch
    {
        { TotalMinutes: < 1 } => "just now",
        { TotalHours: < 1 } => $"{(int)age.TotalMinutes} min",
        { TotalDays: < 1 } => $"{(int)age.TotalHours} h {age.Minutes} min",
        _ => $"{(int)age.TotalDays} d {age.Hours} h",
    };

    // A span of time to read at a glance: "12 min", "1 h 5 min", "3 h", "2 d 4 h".
    public static string Span(TimeSpan span)
    {
        var minutes = (long)Math.Floor(span.Duration().TotalMinutes);
        return minutes switch
        {
            < 1 => "under a minute",
            < 60 => $"{minutes} min",
            < 24 * 60 => minutes % 60 == 0 ? $"{minutes / 60} h" : $"{minutes / 60} h {minutes % 60} min",
            _ => (minutes / 60) % 24 == 0 ? $"{minutes / (24 * 60)} d" : $"{minutes / (24 * 60)} d {(minutes / 60) % 24} h",
        };
    }

    // The next unmet target of a fault as the queue shows it, with the class that styles it (missed, due soon).
    public static (string Text, string? Css) Next(SlaView sla, DateTimeOffset now)
    {
        if (sla is not { Next: { Length: > 0 } next, DueAt: { } due })
        {
            return ("–", null);
        }

        var target = char.ToUpperInvariant(next[0]) + next[1..];
        return sla.Breached
            ? ($"{target} overdue {Span(now - due)}", "target-missed")
            : ($"{target} in {Span(due - now)}", sla.AtRisk ? "target-soon" : null);
    }

    public static string Count(long count) => count.ToString("N0", British);

    public static string Money(decimal amount) => amount.ToString("C0", British);

    public static string Hours(decimal hours) => hours.ToString("0.##", British) + (hours == 1 ? " hour" : " hours");
}
