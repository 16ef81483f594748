using System.Linq.Expressions;

namespace TechSupport.Domain;

// S2/S3 as one set of predicates, written as expressions so the database applies exactly the
// rule that the in-memory check applies: a query never fetches what it then has to hide.
public static class AccessPolicy
{
    public static Expression<Func<Production, bool>> ProductionsVisibleTo(Viewer viewer)
    {
        var managerRank = viewer.HasManagerRank;
        var cleared = viewer.ClearedProductionIds;
        return p => p.Classification == Classification.Standard
            || (p.Classification == Classification.Confidential && (managerRank || cleared.Contains(p.Id)))
            || (p.Classification == Classification.Restricted && cleared.Contains(p.Id));
    }

    public static Expression<Func<Fault, bool>> FaultsVisibleTo(Viewer viewer)
    {
        var managerRank = viewer.HasManagerRank;
        var cleared = viewer.ClearedProductionIds;
        var me = viewer.UserId;
        return f => f.Classification == Classification.Standard
            || (f.Classification == Classification.Confidential
                && (managerRank || (f.ProductionId != null && cleared.Contains(f.ProductionId.Value))))
            || (f.Classification == Classification.Restricted
                && ((f.ProductionId != null && cleared.Contains(f.ProductionId.Value))
                    // E5: a security incident is also visible to its reporter and to managers.
                    || (f.SecurityIncident && (managerRank || f.ReportedById == me))));
    }

    public static Expression<Func<KnowledgeArticle, bool>> ArticlesVisibleTo(Viewer viewer)
    {
        var managerRank = viewer.HasManagerRank;
        var cleared = viewer.ClearedProductionIds;
        return a => a.Classification == Classification.Standard
            || (a.Classification == Classification.Confidential
                && (managerRank || (a.ProductionId != null && cleared.Contains(a.ProductionId.Value))))
            || (a.Classification == Classification.Restricted
                && a.ProductionId != null && cleared.Contains(a.ProductionId.Value));
    }

    public static bool CanSee(Viewer viewer, Production production) =>
        ProductionsVisibleTo(viewer).Compile().Invoke(production);

    public static bool CanSee(Viewer viewer, Fault fault) =>
        FaultsVisibleTo(viewer).Compile().Invoke(fault);
}
