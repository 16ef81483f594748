namespace TechSupport.Domain;

// The person (or system job) doing something, as the timeline names them.
public sealed record Actor(Guid? Id, string Name)
{
    public static Actor System { get; } = new(null, "TechSupport");
}
