using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Data.Configurations;
using TechSupport.Application.Outbox;
using TechSupport.Search;

namespace TechSupport.Application.Features.Search;

// Fixes worth trying while an operator types a fault: ranked by text and by how close each fix's
// configuration is to the operator's suite (same equipment model, same software version).
public sealed record Suggestions(Guid? SuiteId, Guid? EquipmentId, string? Title, string? Symptoms, int? Limit = null)
    : IQuery<SuggestionsView>;

public sealed class SuggestionsValidator : AbstractValidator<Suggestions>
{
    public SuggestionsValidator()
    {
        RuleFor(x => x.Title).MaximumLength(FaultConfiguration.TitleLength);
        RuleFor(x => x.Symptoms).MaximumLength(FaultConfiguration.SymptomsLength);
        RuleFor(x => x.Limit).InclusiveBetween(1, 20);
    }
}

public sealed partial class SuggestionsHandler(
    ISearchIndex index, TechSupportDbContext db, SearchProjectionComponents components, ICurrentUser user,
    ILogger<SuggestionsHandler> logger) : IQueryHandler<Suggestions, SuggestionsView>
{
    public async ValueTask<SuggestionsView> Handle(Suggestions query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query.Title) && string.IsNullOrWhiteSpace(query.Symptoms))
        {
            return new SuggestionsView([], false);
        }

        if (query.SuiteId is { } suiteId && !await db.Suites.AnyAsync(s => s.Id == suiteId, cancellationToken))
        {
            throw Invalid.Field("suiteId", "No such suite.");
        }

        var keys = await components.ForSuiteAsync(query.SuiteId, query.EquipmentId, cancellationToken);
        try
        {
            var hits = await index.SuggestAsync(new SuggestionQuery
            {
                Access = user.Access(),
                Title = query.Title ?? "",
                Symptoms = query.Symptoms ?? "",
                Components = keys,
                Limit = query.Limit ?? 5,
            }, cancellationToken);
            return new SuggestionsView(hits.Select(h => h.Suggestion()).ToList(), false);
        }
        catch (SearchUnavailableException ex)
        {
            EngineDown(logger, ex.Message);
            return new SuggestionsView([], true);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Search engine unavailable, no suggestions: {Reason}")]
    private static partial void EngineDown(ILogger logger, string reason);
}
