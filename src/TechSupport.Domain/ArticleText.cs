namespace TechSupport.Domain;

public sealed record ArticleText(
    string Title,
    string Symptoms,
    string? Cause,
    string Fix,
    string? Workaround = null,
    Acceptability? WorkaroundAcceptability = null,
    string? AppliesTo = null,
    string? WorkaroundConditions = null);
