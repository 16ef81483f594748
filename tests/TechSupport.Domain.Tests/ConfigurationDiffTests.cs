using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

// Issue 10: a manager's side-by-side of two configurations, as pure code.
public sealed class ConfigurationDiffTests
{
    private static readonly ConfigurationComponent Resolve = new(EquipmentKind.Software, "DaVinci Resolve Studio", "Blackmagic Design", "19.1.2");
    private static readonly ConfigurationComponent DeckLink = new(EquipmentKind.IoCard, "DeckLink 8K Pro", "Blackmagic Design", "12.9");
    private static readonly ConfigurationComponent Monitor = new(EquipmentKind.ReferenceMonitor, "BVM-HX3110", "Sony", "2.1", "Rec.709 100 nits 2026-10-01");

    [Fact]
    public void The_same_components_in_another_order_are_no_change()
    {
        var diff = ConfigurationDiff.Between([Resolve, DeckLink, Monitor], [Monitor, Resolve, DeckLink]);

        Assert.True(diff.Same);
    }

    [Fact]
    public void An_upgrade_is_one_change_naming_the_field_and_both_values()
    {
        var diff = ConfigurationDiff.Between([Resolve, DeckLink], [Resolve with { Version = "19.1.3" }, DeckLink]);

        var change = Assert.Single(diff.Changed);
        Assert.Equal(new FieldChange("version", "19.1.2", "19.1.3"), Assert.Single(change.Fields));
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void A_recalibration_changes_the_settings_only()
    {
        var diff = ConfigurationDiff.Between([Monitor], [Monitor with { Settings = "Rec.709 100 nits 2026-12-01" }]);

        Assert.Equal([new FieldChange("settings", "Rec.709 100 nits 2026-10-01", "Rec.709 100 nits 2026-12-01")],
            Assert.Single(diff.Changed).Fields);
    }

    [Fact]
    public void New_and_retired_kit_are_added_and_removed()
    {
        var panel = new ConfigurationComponent(EquipmentKind.ControlSurface, "Element", "Tangent", "1.4");

        var diff = ConfigurationDiff.Between([Resolve, DeckLink], [Resolve, panel]);

        Assert.Equal([panel], diff.Added);
        Assert.Equal([DeckLink], diff.Removed);
        Assert.Empty(diff.Changed);
    }

    [Fact]
    public void Upgrading_one_of_two_identical_monitors_pairs_the_unchanged_one_with_itself()
    {
        var diff = ConfigurationDiff.Between([Monitor, Monitor], [Monitor, Monitor with { Version = "2.2" }]);

        var change = Assert.Single(diff.Changed);
        Assert.Equal(new FieldChange("version", "2.1", "2.2"), Assert.Single(change.Fields));
        Assert.Empty(diff.Added);
        Assert.Empty(diff.Removed);
    }

    [Fact]
    public void Case_and_spaces_as_typed_do_not_make_a_change_but_a_different_vendor_does()
    {
        var retyped = new ConfigurationComponent(EquipmentKind.Software, " davinci resolve studio ", "BLACKMAGIC DESIGN", "19.1.2 ");
        var other = Resolve with { Vendor = "Autodesk" };

        Assert.True(ConfigurationDiff.Between([Resolve], [retyped]).Same);
        var diff = ConfigurationDiff.Between([Resolve], [other]);
        Assert.Equal([other], diff.Added);
        Assert.Equal([Resolve], diff.Removed);
    }

    [Fact]
    public void A_version_cleared_reads_as_no_value()
    {
        var diff = ConfigurationDiff.Between([DeckLink], [DeckLink with { Version = "" }]);

        Assert.Equal(new FieldChange("version", "12.9", null), Assert.Single(Assert.Single(diff.Changed).Fields));
    }

    [Fact]
    public void A_unit_swapped_for_another_of_the_same_model_changes_its_serial()
    {
        var diff = ConfigurationDiff.Between([Monitor with { Serial = "S-1001" }], [Monitor with { Serial = "S-2002" }]);

        Assert.Equal(new FieldChange("serial", "S-1001", "S-2002"), Assert.Single(Assert.Single(diff.Changed).Fields));
        Assert.True(ConfigurationDiff.Between([Monitor], [Monitor with { Serial = "S-1001" }]).Same);
    }
}
