namespace TechSupport.Domain;

// A curated fix. One promoted from a Confidential or Restricted fault keeps that classification
// and production (S1); a Standard copy is a new article, and the original stays as it was.
public sealed class KnowledgeArticle
{
    private KnowledgeArticle() => (Title, Symptoms, Fix) = ("", "", "");

    public Guid Id { get; private set; }
    public string Title { get; private set; }
    public string Symptoms { get; private set; }
    public string? Cause { get; private set; }
    public string Fix { get; private set; }
    public string? Workaround { get; private set; }
    public Acceptability? WorkaroundAcceptability { get; private set; }
    public string? WorkaroundConditions { get; private set; }
    public string? AppliesTo { get; private set; }
    public SourceReliability Reliability { get; private set; }
    public Classification Classification { get; private set; }
    public Guid? ProductionId { get; private set; }
    public Guid? SourceFaultId { get; private set; }
    public Guid? CopiedFromId { get; private set; }
    public Guid? SuiteId { get; private set; }
    public Guid? AuthorId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public int Version { get; private set; }

    public static KnowledgeArticle Write(ArticleText text, SourceReliability reliability, Production? production,
        Actor author, DateTimeOffset now)
    {
        var article = new KnowledgeArticle
        {
            Id = Ids.New(now),
            Reliability = reliability,
            Classification = production?.Classification ?? Classification.Standard,
            ProductionId = production?.Id,
            AuthorId = author.Id,
            CreatedAt = now,
        };
        article.Set(text, now);
        return article;
    }

    public static KnowledgeArticle PromoteFrom(Fault fault, ArticleText? edits, Actor author, DateTimeOffset now)
    {
        if (fault.Resolution is not { } resolution)
        {
            throw new DomainRuleException("Only a resolved fault can be promoted to a knowledge article.");
        }

        var workaround = fault.Workarounds.Count > 0 ? fault.Workarounds[^1] : null;
        var text = edits ?? new ArticleText(fault.Title, fault.Symptoms, resolution.RootCause, resolution.Fix,
            workaround?.Description, workaround?.Acceptability, resolution.AppliesTo, workaround?.Conditions);
        var article = new KnowledgeArticle
        {
            Id = Ids.New(now),
            Reliability = SourceReliability.InHouseVerified,
            // S1: what came from a classified fault stays classified.
            Classification = fault.Classification,
            ProductionId = fault.ProductionId,
            SourceFaultId = fault.Id,
            SuiteId = fault.SuiteId,
            AuthorId = author.Id,
            CreatedAt = now,
        };
        article.Set(text, now);
        return article;
    }

    // A manager publishes an edited copy as Standard; the original keeps its classification.
    public KnowledgeArticle PublishStandardCopy(ArticleText edits, Actor manager, DateTimeOffset now)
    {
        var copy = new KnowledgeArticle
        {
            Id = Ids.New(now),
            Reliability = Reliability,
            Classification = Classification.Standard,
            CopiedFromId = Id,
            SuiteId = SuiteId,
            AuthorId = manager.Id,
            CreatedAt = now,
        };
        copy.Set(edits, now);
        return copy;
    }

    public void Edit(ArticleText text, SourceReliability reliability, DateTimeOffset now)
    {
        Reliability = reliability;
        Set(text, now);
    }

    private void Set(ArticleText text, DateTimeOffset now)
    {
        Title = text.Title.Trim();
        Symptoms = text.Symptoms.Trim();
        Cause = Blank(text.Cause);
        Fix = text.Fix.Trim();
        Workaround = Blank(text.Workaround);
        WorkaroundAcceptability = Workaround is null ? null : text.WorkaroundAcceptability ?? Acceptability.AcceptableWithConditions;
        WorkaroundConditions = Workaround is null ? null : Blank(text.WorkaroundConditions);
        AppliesTo = Blank(text.AppliesTo);
        UpdatedAt = now;
        Version++;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
