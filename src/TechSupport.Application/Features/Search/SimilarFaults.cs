using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Outbox;
using TechSupport.Search;

namespace TechSupport.Application.Features.Search;

public sealed record SimilarFaults(Guid Id, int? Limit = null) : IQuery<SimilarView>;

public sealed partial class SimilarFaultsHandler(ISearchIndex index, SearchIndexStatus status, TechSupportDbContext db, ICurrentUser user,
    ILogger<SimilarFaultsHandler> logger) : IQueryHandler<SimilarFaults, SimilarView>
{
    public async ValueTask<SimilarView> Handle(SimilarFaults query, CancellationToken cancellationToken)
    {
        if (!await db.Faults.VisibleTo(user).AnyAsync(f => f.Id == query.Id, cancellationToken))
        {
            throw new NotFoundException("fault");
        }

        // While a rebuild replaces an index that was lost, the index holds a part of the faults at most.
        if (status.Current is { Rebuilding: true, Replacing: true })
        {
            return new SimilarView([], true);
        }

        try
        {
            var hits = await index.SimilarAsync(new SimilarQuery
            {
                Access = user.Access(),
                Key = SearchKeys.For(DocumentKind.Fault, query.Id),
                Limit = Math.Clamp(query.Limit ?? 5, 1, 20),
            }, cancellationToken);
            return new SimilarView(hits.Select(h => h.View()).ToList(), false);
        }
        catch (SearchUnavailableException ex)
        {
            EngineDown(logger, ex.Message);
            return new SimilarView([], true);
        }
    }

    [LoggerMessage(LogLevel.Warning, "Search engine unavailable, no similar faults: {Reason}")]
    private static partial void EngineDown(ILogger logger, string reason);
}
