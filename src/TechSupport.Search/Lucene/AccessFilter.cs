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

    // Tombstones never match: they carry no classification.
    public static Query For(SearchAccess access)
    {
        // Standard: all staff.
        var visible = new BooleanQuery(disableCoord: true)
        {
            { new TermQuery(new Term(LuceneFields.Classification, Standard)), Occur.SHOULD }
        };

        // Confidential: Managers (and Admins) by rank.
        if (access.ManagerRank)
        {
            visible.Add(new TermQuery(new Term(LuceneFields.Classification, Confidential)), Occur.SHOULD);
        }

        // Confidential and Restricted: users cleared for the document's production.
        var cleared = access.ClearedProductionIds.Distinct().Select(id => new BytesRef(ProductionValue(id))).ToList();
        if (cleared.Count > 0)
        {
            visible.Add(new ConstantScoreQuery(new TermsFilter(LuceneFields.Production, cleared)), Occur.SHOULD);
        }

        // E5: a security incident is also visible to its reporter and to Managers.
        var incident = new TermQuery(new Term(LuceneFields.Incident, LuceneFields.Yes));
        if (access.ManagerRank)
        {
            visible.Add(incident, Occur.SHOULD);
        }
        else
        {
            visible.Add(new BooleanQuery(disableCoord: true)
            {
                { incident, Occur.MUST },
                { new TermQuery(new Term(LuceneFields.Reporter, ReporterValue(access.UserId))), Occur.MUST }
            }, Occur.SHOULD);
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
