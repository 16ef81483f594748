using TechSupport.Domain;

namespace TechSupport.Application.Integrations;

// How a monitoring alert reads as a fault: its severity, category and workflow stage, from the words
// monitoring uses. Pure, so the table is tested as a table.
public static class AlertTriage
{
    // Checked in order: "RaidLinkDown" is storage before it is network.
    private static readonly (string Word, FaultCategory Category)[] CategoryWords =
    [
        ("disk", FaultCategory.Storage),
        ("raid", FaultCategory.Storage),
        ("storage", FaultCategory.Storage),
        ("capacity", FaultCategory.Storage),
        ("temperature", FaultCategory.Hardware),
        ("fan", FaultCategory.Hardware),
        ("psu", FaultCategory.Hardware),
        ("licen", FaultCategory.Licensing),
        ("frame", FaultCategory.Signal),
        ("sdi", FaultCategory.Signal),
        ("signal", FaultCategory.Signal),
        ("network", FaultCategory.Network),
        ("link", FaultCategory.Network),
    ];

    // Prometheus' usual severity words; P1–P4 as they are, and a degraded service when unsure.
    public static Severity SeverityOf(string? label) => label?.Trim().ToLowerInvariant() switch
    {
        "critical" or "p1" => Severity.P1,
        "error" or "major" or "p2" => Severity.P2,
        "warning" or "p3" => Severity.P3,
        "info" or "p4" => Severity.P4,
        _ => Severity.P2,
    };

    public static FaultCategory CategoryOf(string? label, string alertName)
    {
        if (label is { Length: > 0 } named && !named.Trim().All(char.IsAsciiDigit)
            && Enum.TryParse<FaultCategory>(named.Trim(), ignoreCase: true, out var category) && Enum.IsDefined(category))
        {
            return category;
        }

        var name = alertName.ToLowerInvariant();
        foreach (var (word, guessed) in CategoryWords)
        {
            if (name.Contains(word, StringComparison.Ordinal))
            {
                return guessed;
            }
        }

        return FaultCategory.Hardware;
    }

    // The work a suite of that type does; the machine room holds the storage and the archive.
    public static WorkflowStage StageOf(SuiteType suiteType) => suiteType switch
    {
        SuiteType.OfflineEdit => WorkflowStage.Offline,
        SuiteType.OnlineEdit => WorkflowStage.Online,
        SuiteType.Grade => WorkflowStage.Grade,
        SuiteType.AudioMix => WorkflowStage.Audio,
        SuiteType.Vfx => WorkflowStage.Vfx,
        SuiteType.QcBay => WorkflowStage.Qc,
        SuiteType.Ingest or SuiteType.DitCart => WorkflowStage.Ingest,
        _ => WorkflowStage.Archive,
    };
}
