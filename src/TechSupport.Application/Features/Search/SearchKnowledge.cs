using System.Net;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Outbox;
using TechSupport.Domain;
using TechSupport.Search;

namespace TechSupport.Application.Features.Search;

// Faults and articles by symptom, kit, version, error text or number; an empty query browses.
public sealed record SearchKnowledge(
    string? Q = null,
    string? Kind = null,
    Guid? SuiteId = null,
    string? Category = null,
    string? Equipment = null,
    string? Status = null,
    int? Page = null,
    int? PageSize = null) : IQuery<SearchView>;

public sealed class SearchKnowledgeValidator : AbstractValidator<SearchKnowledge>
{
    public const int MaxQueryLength = 1_000;

    public SearchKnowledgeValidator()
    {
        RuleFor(x => x.Q).MaximumLength(MaxQueryLength).WithMessage($"Keep the search under {MaxQueryLength:N0} characters.");
        RuleFor(x => x.Kind).Must(k => k is null || Enum.TryParse<DocumentKind>(k, ignoreCase: true, out _))
            .WithMessage("Kind is fault, article or configuration.");
        RuleFor(x => x.Category).MaximumLength(100);
        RuleFor(x => x.Equipment).MaximumLength(300);
        RuleFor(x => x.Status).MaximumLength(100);
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("Pages count from 1.")
            .LessThanOrEqualTo(10_000).WithMessage("Narrow the search instead of paging this far.");
        RuleFor(x => x.PageSize).GreaterThanOrEqualTo(1).WithMessage("The page size must be at least 1.");
    }
}

public sealed partial class SearchKnowledgeHandler(
    ISearchIndex index, SearchIndexStatus status, TechSupportDbContext db, ICurrentUser user, ILogger<SearchKnowledgeHandler> logger)
    : IQueryHandler<SearchKnowledge, SearchView>
{
    public async ValueTask<SearchView> Handle(SearchKnowledge query, CancellationToken cancellationToken)
    {
        var kind = query.Kind is { } k ? Enum.Parse<DocumentKind>(k, ignoreCase: true) : (DocumentKind?)null;
        if (status.Current.AnswersFromDatabase)
        {
            // The index is missing changes the outbox holds (or is being rebuilt): it would answer as if complete.
            return await FallbackAsync(query, kind, cancellationToken);
        }

        try
        {
            var results = await index.SearchAsync(new SearchQuery
            {
                Access = user.Access(),
                Text = query.Q,
                Kind = kind,
                SuiteId = query.SuiteId,
                Category = query.Category,
                Equipment = query.Equipment,
                Status = query.Status,
                Page = query.Page ?? 1,
                PageSize = Paging.Size(query.PageSize),
            }, cancellationToken);
            return new SearchView(results.Total, results.Hits.Select(h => h.View()).ToList(), results.Facets, false);
        }
        catch (SearchUnavailableException ex)
        {
            EngineDown(logger, ex.Message);
            return await FallbackAsync(query, kind, cancellationToken);
        }
    }

    // The engine is down or behind: a plain database match on fault number and title, marked degraded.
    private async Task<SearchView> FallbackAsync(SearchKnowledge query, DocumentKind? kind, CancellationToken ct)
    {
        if (kind is not (null or DocumentKind.Fault))
        {
            return new SearchView(0, [], SearchMapping.NoFacets, true);
        }

        var faults = db.Faults.AsNoTracking().VisibleTo(user);
        var text = query.Q?.Trim();
        if (!string.IsNullOrEmpty(text))
        {
            // LIKE is case-insensitive on both providers' default collations; the user's text is a literal.
            var pattern = "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
                .Replace("_", "\\_", StringComparison.Ordinal).Replace("[", "\\[", StringComparison.Ordinal) + "%";
            faults = FaultNumber.TryParse(text, out var number)
                ? faults.Where(f => f.Number == number || EF.Functions.Like(f.Title, pattern, "\\"))
                : faults.Where(f => EF.Functions.Like(f.Title, pattern, "\\"));
        }

        if (query.SuiteId is { } suiteId)
        {
            faults = faults.Where(f => f.SuiteId == suiteId);
        }

        var total = await faults.CountAsync(ct);
        var page = await faults.OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Number)
            .Skip(Paging.Skip(query.Page, query.PageSize)).Take(Paging.Size(query.PageSize))
            .Select(f => new { f.Id, f.Number, f.Title, f.Symptoms, f.Status, f.Category, Suite = f.Suite!.Name, f.CreatedAt })
            .ToListAsync(ct);
        var hits = page.Select(f => new SearchHitView(f.Id, DocumentKind.Fault.Name(), f.Title,
            WebUtility.HtmlEncode(f.Symptoms.Length > 200 ? f.Symptoms[..200] + "…" : f.Symptoms), 0,
            FaultNumber.Format(f.Number), f.Status.ToString(), f.Category.ToString(), f.Suite, f.CreatedAt)).ToList();
        return new SearchView(total, hits, SearchMapping.NoFacets, true);
    }

    [LoggerMessage(LogLevel.Warning, "Search engine unavailable, answering from the database: {Reason}")]
    private static partial void EngineDown(ILogger logger, string reason);
}
