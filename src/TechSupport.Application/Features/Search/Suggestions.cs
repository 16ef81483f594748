using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Data.Configurations;
using TechSupport.Application.Outbox;
using TechSupport.Domain;
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
    ISearchIndex index, SearchIndexStatus status, TechSupportDbContext db, SearchProjectionComponents components, ICurrentUser user,
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

        // While a rebuild replaces an index that was lost, the index holds a part of the fixes at most.
        if (status.Current is { Rebuilding: true, Replacing: true })
        {
            return new SuggestionsView([], true);
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
            var held = await EffectivenessAsync(hits, cancellationToken);
            return new SuggestionsView(hits.Select(h => h.Suggestion() with { Effectiveness = held.GetValueOrDefault(h.Id) }).ToList(),
                false);
        }
        catch (SearchUnavailableException ex)
        {
            EngineDown(logger, ex.Message);
            return new SuggestionsView([], true);
        }
    }

    // PC8: whether each fix held, from the database rather than the index, so a judgement made since
    // the hit was indexed shows at once. An article's is that of the fault it was promoted from.
    private async Task<Dictionary<Guid, Effectiveness?>> EffectivenessAsync(IReadOnlyList<SearchHit> hits, CancellationToken ct)
    {
        var faultIds = hits.Where(h => h.Kind == DocumentKind.Fault).Select(h => h.Id).ToList();
        var articleIds = hits.Where(h => h.Kind == DocumentKind.Article).Select(h => h.Id).ToList();
        var sources = articleIds.Count == 0
            ? []
            : await db.Articles.AsNoTracking().Where(a => articleIds.Contains(a.Id) && a.SourceFaultId != null)
                .Select(a => new { a.Id, Source = a.SourceFaultId!.Value }) // filtered non-null in the query
                .ToDictionaryAsync(a => a.Id, a => a.Source, ct);
        var wanted = faultIds.Concat(sources.Values).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        var faults = await db.Faults.AsNoTracking().VisibleTo(user).Where(f => wanted.Contains(f.Id) && f.Resolution != null)
            .Select(f => new { f.Id, f.Resolution!.Effectiveness }) // filtered non-null in the query
            .ToDictionaryAsync(f => f.Id, f => (Effectiveness?)f.Effectiveness, ct);
        var held = faultIds.Where(faults.ContainsKey).ToDictionary(id => id, id => faults[id]);
        foreach (var (article, fault) in sources)
        {
            if (faults.TryGetValue(fault, out var effectiveness))
            {
                held[article] = effectiveness;
            }
        }

        return held;
    }

    [LoggerMessage(LogLevel.Warning, "Search engine unavailable, no suggestions: {Reason}")]
    private static partial void EngineDown(ILogger logger, string reason);
}
