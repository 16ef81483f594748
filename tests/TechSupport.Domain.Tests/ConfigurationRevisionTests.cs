using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

public sealed class ConfigurationRevisionTests
{
    [Theory]
    [InlineData("Desktop Video 14.2", "Desktop Video 14.2")]
    [InlineData(null, "")]
    public void Equipment_becomes_a_component_named_as_the_standard_builds_name_theirs(string? firmware, string version)
    {
        var suite = Suite.Create("Grade 9", SuiteType.Grade, Build.Monday10);
        var card = suite.AddEquipment(EquipmentKind.IoCard, "Blackmagic Design", "DeckLink 8K Pro", "BM-1", firmware, Build.Monday10);

        Assert.Equal(new ConfigurationComponent(EquipmentKind.IoCard, "DeckLink 8K Pro", "Blackmagic Design", version),
            ConfigurationComponent.Of(card));
    }

    [Fact]
    public void A_revision_with_one_more_component_is_the_next_revision_and_leaves_the_old_one_as_it_was()
    {
        var author = Guid.NewGuid();
        var resolve = new ConfigurationComponent(EquipmentKind.Software, "DaVinci Resolve Studio", "Blackmagic Design", "19.1.2");
        var first = ConfigurationRevision.First(Guid.NewGuid(), [resolve], null, "Suite created", Build.Monday10);
        var monitor = new ConfigurationComponent(EquipmentKind.ReferenceMonitor, "BVM-HX3110", "Sony", "Ver.1.1.0");

        var next = first.With(monitor, author, "Added Sony BVM-HX3110", Build.Monday10.AddHours(1));

        Assert.Equal((first.SuiteId, 2, author, "Added Sony BVM-HX3110"), (next.SuiteId, next.Number, next.AuthorId, next.Reason));
        Assert.Equal([resolve, monitor], next.Components);
        Assert.Equal([resolve], first.Components);
        Assert.NotEqual(first.Id, next.Id);
    }
}
