using TechSupport.Domain;
using static TechSupport.Domain.FaultAction;
using static TechSupport.Domain.FaultStatus;

namespace TechSupport.Domain.Tests;

public sealed class FaultLifecycleTests
{
    private static readonly Actor Engineer = new(Guid.NewGuid(), "Erin Engineer");

    // The whole lifecycle, one row per status and action: the status it leads to, or null when refused.
    private static readonly (FaultStatus From, FaultAction Action, FaultStatus? To)[] Table =
    [
        (New, Acknowledge, Acknowledged),
        (New, Assign, InProgress),
        (New, ApplyWorkaround, WorkaroundApplied),
        (New, Resolve, Resolved),
        (New, Reopen, null),
        (New, Close, null),
        (New, Comment, New),
        (New, Escalate, New),

        (Acknowledged, Acknowledge, null),
        (Acknowledged, Assign, InProgress),
        (Acknowledged, ApplyWorkaround, WorkaroundApplied),
        (Acknowledged, Resolve, Resolved),
        (Acknowledged, Reopen, null),
        (Acknowledged, Close, null),
        (Acknowledged, Comment, Acknowledged),
        (Acknowledged, Escalate, Acknowledged),

        (InProgress, Acknowledge, null),
        (InProgress, Assign, InProgress),
        (InProgress, ApplyWorkaround, WorkaroundApplied),
        (InProgress, Resolve, Resolved),
        (InProgress, Reopen, null),
        (InProgress, Close, null),
        (InProgress, Comment, InProgress),
        (InProgress, Escalate, InProgress),

        (WorkaroundApplied, Acknowledge, null),
        (WorkaroundApplied, Assign, WorkaroundApplied),
        (WorkaroundApplied, ApplyWorkaround, WorkaroundApplied),
        (WorkaroundApplied, Resolve, Resolved),
        (WorkaroundApplied, Reopen, null),
        (WorkaroundApplied, Close, null),
        (WorkaroundApplied, Comment, WorkaroundApplied),
        (WorkaroundApplied, Escalate, WorkaroundApplied),

        (Resolved, Acknowledge, null),
        (Resolved, Assign, null),
        (Resolved, ApplyWorkaround, null),
        (Resolved, Resolve, null),
        (Resolved, Reopen, Reopened),
        (Resolved, Close, Closed),
        (Resolved, Comment, Resolved),
        (Resolved, Escalate, null),

        (Closed, Acknowledge, null),
        (Closed, Assign, null),
        (Closed, ApplyWorkaround, null),
        (Closed, Resolve, null),
        (Closed, Reopen, Reopened),
        (Closed, Close, null),
        (Closed, Comment, Closed),
        (Closed, Escalate, null),

        (Reopened, Acknowledge, Acknowledged),
        (Reopened, Assign, InProgress),
        (Reopened, ApplyWorkaround, WorkaroundApplied),
        (Reopened, Resolve, Resolved),
        (Reopened, Reopen, null),
        (Reopened, Close, null),
        (Reopened, Comment, Reopened),
        (Reopened, Escalate, Reopened),
    ];

    // Built from the enums, not the table, so a new status or action fails here until it has its rows.
    public static TheoryData<FaultStatus, FaultAction> EveryPair()
    {
        var data = new TheoryData<FaultStatus, FaultAction>();
        foreach (var status in Enum.GetValues<FaultStatus>())
        {
            foreach (var action in Enum.GetValues<FaultAction>())
            {
                data.Add(status, action);
            }
        }

        return data;
    }

    public static TheoryData<FaultStatus, FaultAction> Refused() => Pairs(allowed: false);

    public static TheoryData<FaultStatus, FaultAction> Allowed() => Pairs(allowed: true);

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Every_status_answers_every_action_as_the_lifecycle_table_says(FaultStatus from, FaultAction action)
    {
        var rows = Table.Where(r => r.From == from && r.Action == action).ToList();

        Assert.True(rows.Count == 1, $"The table needs exactly one row for {action} on a {from} fault; it has {rows.Count}.");
        Assert.Equal(rows[0].To, FaultLifecycle.Next(from, action));
        Assert.Equal(FaultLifecycle.IsOpen(from), from is not (Resolved or Closed));
    }

    [Theory]
    [MemberData(nameof(Allowed))]
    public void An_allowed_action_moves_the_fault_to_the_status_the_table_names_and_records_it(FaultStatus from, FaultAction action)
    {
        var fault = InStatus(from);
        var (version, entries) = (fault.Version, fault.Timeline.Count);

        Do(fault, action);

        Assert.Equal(Table.Single(r => r.From == from && r.Action == action).To, fault.Status);
        Assert.Equal(version + 1, fault.Version);
        Assert.Equal(entries + 1, fault.Timeline.Count);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void A_refused_action_says_why_in_a_plain_sentence_and_changes_nothing(FaultStatus from, FaultAction action)
    {
        var fault = InStatus(from);
        var before = Snapshot(fault);

        var error = Assert.Throws<DomainRuleException>(() => Do(fault, action));

        Assert.Matches(@"^[A-Z][^.\r\n]*\.$", error.Message);
        Assert.Contains(Spoken(from), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(from.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(fault));
        Assert.Equal(error.Message, Assert.Throws<DomainRuleException>(() => FaultLifecycle.Require(from, action)).Message);
    }

    [Fact]
    public void Open_statuses_are_the_ones_that_still_need_work()
    {
        Assert.Equal([New, Acknowledged, InProgress, WorkaroundApplied, Reopened], FaultLifecycle.OpenStatuses);
    }

    private static TheoryData<FaultStatus, FaultAction> Pairs(bool allowed)
    {
        var data = new TheoryData<FaultStatus, FaultAction>();
        foreach (var (from, action, to) in Table.Where(r => (r.To is not null) == allowed))
        {
            data.Add(from, action);
        }

        return data;
    }

    private static (int, FaultStatus, int, SupportTier, DateTimeOffset, int, Resolution?, Guid?, DateTimeOffset?) Snapshot(Fault f) =>
        (f.Version, f.Status, f.Timeline.Count, f.Tier, f.UpdatedAt, f.Workarounds.Count, f.Resolution, f.AssigneeId, f.ClosedAt);

    // How the refusal should name the status to a person reading it.
    private static string Spoken(FaultStatus status) => status switch
    {
        InProgress => "in-progress",
        WorkaroundApplied => "worked-around",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static Fault InStatus(FaultStatus status)
    {
        var fault = Build.Fault();
        var at = Build.Monday10.AddMinutes(5);
        switch (status)
        {
            case New:
                break;
            case Acknowledged:
                fault.Acknowledge(Engineer, at);
                break;
            case InProgress:
                fault.Assign(Guid.NewGuid(), "Sam Second-Line", Engineer, at);
                break;
            case WorkaroundApplied:
                fault.ApplyWorkaround("Play out from the local cache", Acceptability.Acceptable, null, Engineer, at);
                break;
            case Resolved:
                fault.Resolve("Replaced the HBA", null, null, Engineer, at);
                break;
            case Closed:
                fault.Resolve("Replaced the HBA", null, null, Engineer, at);
                fault.Close(Engineer, managerSignOff: false, at.AddMinutes(1));
                break;
            case Reopened:
                fault.Resolve("Replaced the HBA", null, null, Engineer, at);
                fault.Reopen("Stutters again", Engineer, Build.Policy, at.AddMinutes(1));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "The test does not know how to bring a fault to this status.");
        }

        Assert.Equal(status, fault.Status);
        return fault;
    }

    private static void Do(Fault fault, FaultAction action)
    {
        var at = Build.Monday10.AddMinutes(30);
        switch (action)
        {
            case Acknowledge:
                fault.Acknowledge(Engineer, at);
                break;
            case Assign:
                fault.Assign(Guid.NewGuid(), "Val Vendor", Engineer, at);
                break;
            case ApplyWorkaround:
                fault.ApplyWorkaround("Render to a local disk", Acceptability.AcceptableWithConditions, "proxy only", Engineer, at);
                break;
            case Resolve:
                fault.Resolve("Updated the storage driver", "Driver bug", null, Engineer, at);
                break;
            case Reopen:
                fault.Reopen("It came back", Engineer, Build.Policy, at);
                break;
            case Close:
                fault.Close(Engineer, managerSignOff: false, at);
                break;
            case Comment:
                fault.Comment("Checked the cabling", Engineer, at);
                break;
            case Escalate:
                fault.Escalate(null, "Needs the vendor", Engineer, at);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "The test does not know how to take this action.");
        }
    }
}
