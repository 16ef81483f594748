using FluentValidation;
using TechSupport.Application.Data.Configurations;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Articles;

// The editable text of an article, as every article command takes it.
public sealed record ArticleInput(
    string? Title,
    string? Symptoms,
    string? Cause,
    string? Fix,
    string? Workaround,
    Acceptability? WorkaroundAcceptability,
    string? WorkaroundConditions,
    string? AppliesTo,
    SourceReliability? Reliability)
{
    public ArticleText ToText() =>
        new(Title!, Symptoms!, Cause, Fix!, Workaround, WorkaroundAcceptability, AppliesTo, WorkaroundConditions);
}

public sealed class ArticleInputValidator : AbstractValidator<ArticleInput>
{
    public ArticleInputValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage("Give the article a title.").MaximumLength(FaultConfiguration.TitleLength);
        RuleFor(x => x.Symptoms).NotEmpty().WithMessage("Describe the symptoms it fixes.").MaximumLength(FaultConfiguration.TextLength);
        RuleFor(x => x.Fix).NotEmpty().WithMessage("Say what fixes it.").MaximumLength(FaultConfiguration.TextLength);
        RuleFor(x => x.Cause).MaximumLength(FaultConfiguration.TextLength);
        RuleFor(x => x.Workaround).MaximumLength(FaultConfiguration.TextLength);
        RuleFor(x => x.WorkaroundAcceptability).IsInEnum();
        RuleFor(x => x.WorkaroundConditions).MaximumLength(WorkaroundConfiguration.ConditionsLength);
        RuleFor(x => x.AppliesTo).MaximumLength(500);
        RuleFor(x => x.Reliability).IsInEnum();
    }
}
