using Microsoft.Extensions.Diagnostics.HealthChecks;
using TechSupport.Application.Outbox;
using TechSupport.Search;

namespace TechSupport.Web.Infrastructure;

// Search being down or behind degrades the app (search falls back to the database); it does not stop
// fault logging, so readiness stays 200 with Degraded. What the engine says of itself is not enough:
// an engine that answers while the outbox cannot write to it, a rebuild under way and changes set
// aside all degrade too, each said in a sentence.
public sealed class SearchHealthCheck(ISearchIndex index, SearchIndexStatus status) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        SearchHealth engine;
        try
        {
            engine = await index.HealthAsync(cancellationToken);
        }
        catch (SearchUnavailableException ex)
        {
            engine = new SearchHealth(false, ex.Message);
        }

        var state = status.Current;
        var problems = state.Problems(saidAlready: engine.Description);
        var description = string.Join(" ", problems.Prepend(engine.Description).Distinct());
        return engine.Healthy && !state.Degraded ? HealthCheckResult.Healthy(description) : HealthCheckResult.Degraded(description);
    }
}
