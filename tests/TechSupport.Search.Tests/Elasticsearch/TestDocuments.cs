namespace TechSupport.Search.Tests.Elasticsearch;

/// <summary>Search documents and callers for the adapter's request tests.</summary>
public static class TestDocuments
{
    public static readonly Guid Grade1 = Guid.Parse("0193a3b0-0000-7000-8000-000000000001");
    public static readonly Guid Feature = Guid.Parse("0193a3b0-0000-7000-8000-0000000000f1");
    public static readonly Guid Operator = Guid.Parse("0193a3b0-0000-7000-8000-00000000a001");
    public static readonly Guid Manager = Guid.Parse("0193a3b0-0000-7000-8000-00000000a002");

    public static SearchAccess OperatorWithoutClearances => new(Operator, ManagerRank: false, []);

    public static SearchAccess ManagerWithoutClearances => new(Manager, ManagerRank: true, []);

    public static SearchAccess ClearedFor(params Guid[] productions) => new(Operator, ManagerRank: false, productions);

    public static SearchDocument Fault(int number, long version = 1) => new()
    {
        Key = SearchKeys.For(DocumentKind.Fault, IdOf(number)),
        Kind = DocumentKind.Fault,
        Id = IdOf(number),
        Version = version,
        Title = "Playback stutters from the SAN",
        Number = $"TS-{number}",
        Text = "Dropped frames after the 19.1 update; error AAE-9173 on the DeckLink.",
        Fix = "Roll back the DeckLink driver to 12.4.",
        RootCause = "Driver 12.5 changed the buffer size.",
        Workaround = "Play from local cache.",
        WorkaroundAcceptability = "AcceptableWithConditions",
        WorkaroundConditions = "Only for offline review copies; never on the deliverable master.",
        Comments = "Seen on Grade 1 twice.",
        SuiteId = Grade1,
        SuiteName = "Grade 1",
        Category = "Storage",
        Status = "Resolved",
        Stage = "Grade",
        Severity = "P2",
        Equipment = ["Blackmagic Design DeckLink 8K Pro"],
        Components = [new ComponentKey("DaVinci Resolve Studio", "19.1.2"), new ComponentKey("Blackmagic Design DeckLink 8K Pro", "12.4")],
        Access = new DocumentAccess("Confidential", Feature, Operator, SecurityIncident: false),
        CreatedAt = new DateTimeOffset(2026, 10, 1, 9, 30, 0, TimeSpan.Zero),
        HasFix = true,
    };

    public static Guid IdOf(int number) => Guid.Parse($"0193a3b0-0000-7000-8000-{number:D12}");
}
