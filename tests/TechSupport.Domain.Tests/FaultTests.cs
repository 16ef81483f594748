using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

public sealed class FaultTests
{
    private static readonly Actor Engineer = new(Guid.NewGuid(), "Erin Engineer");

    [Theory]
    [InlineData(Classification.Standard)]
    [InlineData(Classification.Confidential)]
    [InlineData(Classification.Restricted)]
    public void A_fault_inherits_its_productions_classification(Classification classification)
    {
        var fault = Build.Fault(production: Build.Production(classification));

        Assert.Equal(classification, fault.Classification);
    }

    [Fact]
    public void A_fault_without_a_production_is_standard_and_a_security_incident_is_restricted()
    {
        Assert.Equal(Classification.Standard, Build.Fault().Classification);
        Assert.Equal(Classification.Restricted,
            Build.Fault(production: Build.Production(Classification.Standard), securityIncident: true).Classification);
    }

    [Fact]
    public void A_logged_fault_is_new_first_line_and_reads_as_ts_number()
    {
        var fault = Build.Fault();

        Assert.Equal(FaultStatus.New, fault.Status);
        Assert.Equal(SupportTier.FirstLine, fault.Tier);
        Assert.Equal("TS-1", fault.Reference);
        Assert.Equal(FaultEventKind.Logged, Assert.Single(fault.Timeline).Kind);
    }

    [Fact]
    public void Equipment_from_another_suite_is_refused()
    {
        var other = Build.Suite("Dub Stage");
        var deck = other.AddEquipment(EquipmentKind.AudioInterface, "Avid", "MTRX", null, null, Build.Monday10);

        var error = Assert.Throws<DomainRuleException>(() => Build.Fault(suite: Build.Suite(), equipment: deck));

        Assert.Contains("not in the suite", error.Message);
    }

    [Fact]
    public void Acknowledging_records_who_and_when_and_only_works_once()
    {
        var fault = Build.Fault();
        var later = Build.Monday10.AddMinutes(7);

        fault.Acknowledge(Engineer, later);

        Assert.Equal(FaultStatus.Acknowledged, fault.Status);
        Assert.Equal(later, fault.AcknowledgedAt);
        Assert.Equal(2, fault.Version);
        Assert.Equal(Engineer.Name, fault.Timeline[^1].ActorName);
        Assert.Throws<DomainRuleException>(() => fault.Acknowledge(Engineer, later));
    }

    [Fact]
    public void Assigning_a_new_fault_takes_it_on_and_meets_the_acknowledge_target()
    {
        var fault = Build.Fault();
        var assignee = Guid.NewGuid();

        fault.Assign(assignee, "Sam Second-Line", Engineer, Build.Monday10.AddMinutes(3));

        Assert.Equal(FaultStatus.InProgress, fault.Status);
        Assert.Equal(assignee, fault.AssigneeId);
        Assert.Equal(Build.Monday10.AddMinutes(3), fault.AcknowledgedAt);
        Assert.Equal("Assigned to Sam Second-Line.", fault.Timeline[^1].Text);
        Assert.Throws<DomainRuleException>(() => fault.Assign(assignee, "Sam Second-Line", Engineer, Build.Monday10));
    }

    [Fact]
    public void Timeline_events_are_ordered_by_the_faults_version_even_at_the_same_instant()
    {
        var fault = Build.Fault();

        fault.Comment("One", Engineer, Build.Monday10);
        fault.Comment("Two", Engineer, Build.Monday10);

        Assert.Equal([1, 2, 3], fault.Timeline.Select(e => e.Sequence));
    }
}
