namespace TechSupport.Domain;

public enum FaultAction
{
    Acknowledge,
    Assign,
    ApplyWorkaround,
    Resolve,
    Reopen,
    Close,
    Comment,
    Escalate
}

// The fault's lifecycle as one table: which action each status allows, and the status it leads to.
public static class FaultLifecycle
{
    private static readonly FaultStatus[] Open =
        [FaultStatus.New, FaultStatus.Acknowledged, FaultStatus.InProgress, FaultStatus.WorkaroundApplied, FaultStatus.Reopened];

    public static bool IsOpen(FaultStatus status) => Open.Contains(status);

    public static IReadOnlyList<FaultStatus> OpenStatuses => Open;

    // The status after the action, or null when the status refuses it.
    public static FaultStatus? Next(FaultStatus from, FaultAction action) => (from, action) switch
    {
        (_, FaultAction.Comment) => from,
        (FaultStatus.New or FaultStatus.Reopened, FaultAction.Acknowledge) => FaultStatus.Acknowledged,
        // Taking a fault on is working it; a fault kept going by a workaround stays so.
        (FaultStatus.WorkaroundApplied, FaultAction.Assign) => FaultStatus.WorkaroundApplied,
        (_, FaultAction.Assign) when IsOpen(from) => FaultStatus.InProgress,
        (_, FaultAction.ApplyWorkaround) when IsOpen(from) => FaultStatus.WorkaroundApplied,
        (_, FaultAction.Resolve) when IsOpen(from) => FaultStatus.Resolved,
        (_, FaultAction.Escalate) when IsOpen(from) => from,
        (FaultStatus.Resolved or FaultStatus.Closed, FaultAction.Reopen) => FaultStatus.Reopened,
        (FaultStatus.Resolved, FaultAction.Close) => FaultStatus.Closed,
        _ => null,
    };

    public static FaultStatus Require(FaultStatus from, FaultAction action) =>
        Next(from, action) ?? throw new DomainRuleException(Refusal(from, action));

    private static string Refusal(FaultStatus from, FaultAction action) => action switch
    {
        FaultAction.Acknowledge => $"Only a new or reopened fault can be acknowledged; this one is {Name(from)}.",
        FaultAction.Reopen => $"Only a resolved or closed fault can be reopened; this one is {Name(from)}.",
        FaultAction.Close => $"Only a resolved fault can be closed; this one is {Name(from)}.",
        FaultAction.Assign => $"A {Name(from)} fault cannot be assigned; reopen it first.",
        FaultAction.ApplyWorkaround => $"A {Name(from)} fault cannot have a workaround applied; reopen it first.",
        FaultAction.Resolve => $"A {Name(from)} fault cannot be resolved; reopen it first.",
        FaultAction.Escalate => $"A {Name(from)} fault cannot be escalated; reopen it first.",
        _ => $"A {Name(from)} fault does not allow that.",
    };

    private static string Name(FaultStatus status) => status switch
    {
        FaultStatus.InProgress => "in-progress",
        FaultStatus.WorkaroundApplied => "worked-around",
        _ => status.ToString().ToLowerInvariant(),
    };
}
