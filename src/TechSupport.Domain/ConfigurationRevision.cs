namespace TechSupport.Domain;

// An immutable revision of a suite's configuration; a change is always a new revision (PC8).
public sealed class ConfigurationRevision
{
    private readonly List<ConfigurationComponent> _components = [];

    private ConfigurationRevision() => Reason = "";

    public Guid Id { get; private set; }
    public Guid SuiteId { get; private set; }
    public int Number { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? AuthorId { get; private set; }
    public string Reason { get; private set; }
    public Guid? FaultId { get; private set; }
    public IReadOnlyList<ConfigurationComponent> Components => _components;

    public static ConfigurationRevision First(Guid suiteId, IEnumerable<ConfigurationComponent> components,
        Guid? authorId, string reason, DateTimeOffset now) => Next(suiteId, 0, components, authorId, reason, null, now);

    public static ConfigurationRevision Next(Guid suiteId, int previousNumber, IEnumerable<ConfigurationComponent> components,
        Guid? authorId, string reason, Guid? faultId, DateTimeOffset now)
    {
        var revision = new ConfigurationRevision
        {
            Id = Ids.New(now),
            SuiteId = suiteId,
            Number = previousNumber + 1,
            CreatedAt = now,
            AuthorId = authorId,
            Reason = reason.Trim(),
            FaultId = faultId,
        };
        // Each revision holds its own copies: the change tracker owns a component by reference, so one
        // instance in two revisions (two suites built from one baseline) would end up in only one of them.
        revision._components.AddRange(components.Select(c => c with { }));
        return revision;
    }

    public ConfigurationRevision With(ConfigurationComponent component, Guid? authorId, string reason, DateTimeOffset now) =>
        Next(SuiteId, Number, [.. _components, component], authorId, reason, null, now);
}
