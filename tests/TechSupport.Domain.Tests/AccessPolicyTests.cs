using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

public sealed class AccessPolicyTests
{
    // S2: Standard for all staff; Confidential for the cleared and managers; Restricted for the cleared only.
    [Theory]
    [InlineData(Role.Operator, Classification.Standard, false, true)]
    [InlineData(Role.Operator, Classification.Confidential, false, false)]
    [InlineData(Role.Operator, Classification.Confidential, true, true)]
    [InlineData(Role.Operator, Classification.Restricted, false, false)]
    [InlineData(Role.Operator, Classification.Restricted, true, true)]
    [InlineData(Role.Engineer, Classification.Confidential, false, false)]
    [InlineData(Role.Engineer, Classification.Restricted, true, true)]
    [InlineData(Role.Manager, Classification.Confidential, false, true)]
    [InlineData(Role.Manager, Classification.Restricted, false, false)]
    [InlineData(Role.Manager, Classification.Restricted, true, true)]
    [InlineData(Role.Admin, Classification.Confidential, false, true)]
    [InlineData(Role.Admin, Classification.Restricted, false, false)]
    [InlineData(Role.Admin, Classification.Restricted, true, true)]
    public void A_fault_and_its_production_are_visible_as_the_classification_allows(Role role, Classification classification,
        bool cleared, bool visible)
    {
        var production = Build.Production(classification);
        var fault = Build.Fault(production: production);
        var viewer = new Viewer(Guid.NewGuid(), role, cleared ? [production.Id] : []);

        Assert.Equal(visible, AccessPolicy.CanSee(viewer, fault));
        Assert.Equal(visible, AccessPolicy.CanSee(viewer, production));
    }

    [Fact]
    public void A_clearance_for_another_production_does_not_count()
    {
        var fault = Build.Fault(production: Build.Production(Classification.Restricted));
        var viewer = new Viewer(Guid.NewGuid(), Role.Admin, [Guid.NewGuid()]);

        Assert.False(AccessPolicy.CanSee(viewer, fault));
    }

    [Theory]
    [InlineData(Role.Operator, true, true)]
    [InlineData(Role.Operator, false, false)]
    [InlineData(Role.Engineer, false, false)]
    [InlineData(Role.Manager, false, true)]
    [InlineData(Role.Admin, false, true)]
    public void A_security_incident_is_seen_by_its_reporter_and_managers(Role role, bool isReporter, bool visible)
    {
        var reporter = Guid.NewGuid();
        var fault = Build.Fault(securityIncident: true, reporter: reporter);
        var viewer = new Viewer(isReporter ? reporter : Guid.NewGuid(), role, []);

        Assert.Equal(visible, AccessPolicy.CanSee(viewer, fault));
    }
}
