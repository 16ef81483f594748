using Lucene.Net.Index;
using Lucene.Net.Queries;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace TechSupport.Search.Lucene;

// The file-security rules (S2, E5) as a Lucene query over the document's access fields, so every
// hit, total, facet count, suggestion and similar list is filtered inside the engine.
internal static class AccessFilter
{
    public const string Standard = "standard";
    public const string Confidential = "confidential";
    public const string Restricted = "restricted";

    // Tombstones never match: they carry no classification. The rest of E5, a security incident
    // visible to its reporter, names one user and is added per search by VisibilityFilter.
    public static Query ForRankAndClearances(SearchAccess access)
    {
        // Standard: all staff.
        var visible = new BooleanQuery(disableCoord: true)
        {
            { new TermQuery(new Term(LuceneFields.Classification, Standard)), Occur.SHOULD }
        };

        // Confidential, and every security incident (E5): Managers (and Admins) by rank.
        if (access.ManagerRank)
        {
            visible.Add(new TermQuery(new Term(LuceneFields.Classification, Confidential)), Occur.SHOULD);
            visible.Add(new TermQuery(new Term(LuceneFields.Incident, LuceneFields.Yes)), Occur.SHOULD);
        }

        // Confidential and Restricted: users cleared for the document's production.
        var cleared = access.ClearedProductionIds.Distinct().Select(id => new BytesRef(ProductionValue(id))).ToList();
        if (cleared.Count > 0)
        {
            visible.Add(new ConstantScoreQuery(new TermsFilter(LuceneFields.Production, cleared)), Occur.SHOULD);
        }

        return visible;
    }

    public static string ClassificationValue(string classification) => classification.Trim().ToLowerInvariant() switch
    {
        Standard => Standard,
        Confidential => Confidential,
        // Anything unknown is treated as the strictest class rather than leaked as Standard.
        _ => Restricted
    };

    public static string ProductionValue(Guid id) => id.ToString("D");

    public static string ReporterValue(Guid id) => id.ToString("D");
}
