using static TechSupport.Search.Tests.Relevance.RelevanceExamples;

namespace TechSupport.Search.Tests.Relevance;

// The set and its documents, checked without any engine, so a broken set is caught before it
// turns into a misleading figure.
public sealed class RelevanceSetTests
{
    private static readonly string[] Categories =
        ["Storage", "Network", "Software", "Hardware", "Signal", "Format", "Licensing", "Audio", "Colour", "Archive", "Os"];

    [Fact]
    public async Task Every_query_names_faults_that_exist_and_that_its_caller_can_be_shown()
    {
        var set = await RelevanceSet.LoadAsync(CancellationToken.None);

        Assert.Empty(set.Problems());
    }

    [Fact]
    public async Task The_set_covers_every_category_with_enough_faults_and_queries_in_both_modes()
    {
        var set = await RelevanceSet.LoadAsync(CancellationToken.None);

        Assert.True(set.Faults.Count >= 60, $"{set.Faults.Count} faults");
        Assert.True(set.Queries.Count >= 80, $"{set.Queries.Count} queries");
        Assert.True(set.Queries.Count(q => q.Mode == RelevanceMode.Suggest) >= 20, "suggest queries");
        Assert.Equal(Categories.Order(), set.Faults.Select(f => f.Category).Distinct().Order());
        Assert.Contains(set.Faults, f => f.NearMisses.Count > 0);
        Assert.Contains(set.Faults, f => f.IsRestricted);
        Assert.All(set.Queries, q => Assert.NotEmpty(q.Tags));
    }

    [Fact]
    public void A_fault_of_the_set_becomes_the_same_document_on_every_run()
    {
        var document = RelevanceDocuments.For(Fault("r-001"));

        Assert.Equal("fault-f52b038a-2eb1-8776-b24c-5a8e1daa865e", document.Key);
        Assert.Equal(SearchKeys.For(DocumentKind.Fault, document.Id), document.Key);
        Assert.Equal(1, document.Version);
        Assert.True(document.HasFix);
        Assert.Equal(DocumentAccess.Standard, document.Access);
        Assert.Equal([new ComponentKey("DeckLink 8K Pro", "Desktop Video 14.2")], document.Components);
    }

    [Fact]
    public void A_classified_fault_is_indexed_for_its_production_and_an_open_one_has_no_fix()
    {
        var document = RelevanceDocuments.For(Fault("r-002", "Restricted", fix: null) with { Production = "Blackwater" });

        Assert.Equal("Restricted", document.Access.Classification);
        Assert.NotNull(document.Access.ProductionId);
        Assert.False(document.HasFix);
    }

    [Fact]
    public void A_query_naming_a_restricted_fault_or_an_unfixed_suggestion_is_reported()
    {
        var set = RelevanceSet.From(
            [Fault("secret", "Restricted") with { Production = "Blackwater" }, Fault("open", fix: null)],
            [Query("secret"), Query("open") with { Id = "g", Mode = RelevanceMode.Suggest }, Query("absent") with { Id = "x" }]);

        var problems = set.Problems();

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.Contains("Restricted", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no fix", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no fault in the set", StringComparison.Ordinal));
    }
}
