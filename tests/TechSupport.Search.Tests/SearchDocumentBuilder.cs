using TechSupport.Search;

namespace TechSupport.Search.Tests;

public sealed class SearchDocumentBuilder
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private DocumentKind kind = DocumentKind.Fault;
    private Guid id = Guid.NewGuid();
    private long version = 1;
    private string title;
    private string? number;
    private string symptoms = "Reported from the suite during a session.";
    private string? fix;
    private string? rootCause;
    private string? workaround;
    private string? acceptability;
    private string? conditions;
    private string? comments;
    private Guid? suiteId;
    private string? suiteName;
    private string? category = "Software";
    private string? status = "New";
    private List<string> equipment = [];
    private List<ComponentKey> components = [];
    private DocumentAccess access = DocumentAccess.Standard;
    private DateTimeOffset createdAt = Monday;
    private bool hasFix;

    private SearchDocumentBuilder(string title) => this.title = title;

    public static SearchDocumentBuilder Fault(string title) => new(title);

    public static SearchDocumentBuilder Article(string title) => new SearchDocumentBuilder(title).OfKind(DocumentKind.Article);

    public string Key => SearchKeys.For(kind, id);

    public SearchDocumentBuilder OfKind(DocumentKind value)
    {
        kind = value;
        return this;
    }

    public SearchDocumentBuilder WithId(Guid value)
    {
        id = value;
        return this;
    }

    public SearchDocumentBuilder WithVersion(long value)
    {
        version = value;
        return this;
    }

    public SearchDocumentBuilder WithTitle(string value)
    {
        title = value;
        return this;
    }

    public SearchDocumentBuilder WithNumber(string value)
    {
        number = value;
        return this;
    }

    public SearchDocumentBuilder WithSymptoms(string value)
    {
        symptoms = value;
        return this;
    }

    // A resolved fault: it has a fix, so it can be suggested.
    public SearchDocumentBuilder WithFix(string value, string? cause = null)
    {
        fix = value;
        rootCause = cause;
        hasFix = true;
        status = "Resolved";
        return this;
    }

    public SearchDocumentBuilder WithWorkaround(string value, string acceptability, string? conditions = null)
    {
        workaround = value;
        this.acceptability = acceptability;
        this.conditions = conditions;
        return this;
    }

    public SearchDocumentBuilder WithComments(string value)
    {
        comments = value;
        return this;
    }

    public SearchDocumentBuilder InSuite(Guid suite, string name)
    {
        suiteId = suite;
        suiteName = name;
        return this;
    }

    public SearchDocumentBuilder WithCategory(string value)
    {
        category = value;
        return this;
    }

    public SearchDocumentBuilder WithStatus(string value)
    {
        status = value;
        return this;
    }

    public SearchDocumentBuilder OnEquipment(params string[] names)
    {
        equipment = [.. names];
        return this;
    }

    public SearchDocumentBuilder WithComponents(params ComponentKey[] keys)
    {
        components = [.. keys];
        return this;
    }

    public SearchDocumentBuilder Confidential(Guid production)
    {
        access = new DocumentAccess("Confidential", production, null, false);
        return this;
    }

    public SearchDocumentBuilder Restricted(Guid production)
    {
        access = new DocumentAccess("Restricted", production, null, false);
        return this;
    }

    // A security incident (E5): Restricted, visible to its reporter, Managers and the cleared.
    public SearchDocumentBuilder SecurityIncident(Guid production, Guid reporter)
    {
        access = new DocumentAccess("Restricted", production, reporter, true);
        return this;
    }

    public SearchDocumentBuilder CreatedAt(DateTimeOffset value)
    {
        createdAt = value;
        return this;
    }

    public SearchDocument Build() => new()
    {
        Key = Key,
        Kind = kind,
        Id = id,
        Version = version,
        Title = title,
        Number = number,
        Text = symptoms,
        Fix = fix,
        RootCause = rootCause,
        Workaround = workaround,
        WorkaroundAcceptability = acceptability,
        WorkaroundConditions = conditions,
        Comments = comments,
        SuiteId = suiteId,
        SuiteName = suiteName,
        Category = category,
        Status = status,
        Severity = "P2",
        Equipment = equipment,
        Components = components,
        Access = access,
        CreatedAt = createdAt,
        HasFix = hasFix,
    };
}
