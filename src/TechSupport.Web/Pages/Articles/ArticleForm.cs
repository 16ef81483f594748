using TechSupport.Application.Features.Articles;
using TechSupport.Domain;

namespace TechSupport.Web.Pages.Articles;

// The article's text as the new, edit and Standard-copy forms bind it.
public sealed class ArticleForm
{
    public string? Title { get; set; }

    public string? Symptoms { get; set; }

    public string? Cause { get; set; }

    public string? Fix { get; set; }

    public string? Workaround { get; set; }

    public Acceptability? WorkaroundAcceptability { get; set; }

    public string? WorkaroundConditions { get; set; }

    public string? AppliesTo { get; set; }

    public SourceReliability? Reliability { get; set; }

    // Only the new-article form offers it; the others keep the article's production.
    public Guid? ProductionId { get; set; }

    public ArticleInput ToInput() =>
        new(Title, Symptoms, Cause, Fix, Workaround, WorkaroundAcceptability, WorkaroundConditions, AppliesTo, Reliability);

    public static ArticleForm From(ArticleView article) => new()
    {
        Title = article.Title,
        Symptoms = article.Symptoms,
        Cause = article.Cause,
        Fix = article.Fix,
        Workaround = article.Workaround?.Description,
        WorkaroundAcceptability = article.Workaround?.Acceptability,
        WorkaroundConditions = article.Workaround?.Conditions,
        AppliesTo = article.AppliesTo,
        Reliability = article.Reliability,
    };
}
