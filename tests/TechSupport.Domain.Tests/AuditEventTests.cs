using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

public sealed class AuditEventTests
{
    private static readonly Actor Erin = new(Guid.Parse("0193a1b2-0000-7000-8000-000000000001"), "Erin");

    private static AuditEvent Event(string previous, string after = "{\"Status\":\"New\"}") =>
        AuditEvent.Create(Build.Monday10, Erin, "Added", "Fault", "42", null, after, previous);

    [Fact]
    public void Each_event_carries_the_hash_of_the_one_before()
    {
        var first = Event("");
        var second = Event(first.Hash);

        Assert.Equal(first.Hash, second.PreviousHash);
        Assert.Equal(64, second.Hash.Length);
        Assert.Equal(second.Hash, second.ComputeHash());
    }

    [Fact]
    public void A_change_to_any_recorded_value_changes_the_hash()
    {
        Assert.NotEqual(Event("", "{\"Status\":\"New\"}").Hash, Event("", "{\"Status\":\"Closed\"}").Hash);
        Assert.NotEqual(Event("a").Hash, Event("b").Hash);
    }
}
