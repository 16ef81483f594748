using Microsoft.Extensions.Diagnostics.HealthChecks;
using TechSupport.Search;

namespace TechSupport.Web.Infrastructure;

// Search being down degrades the app (search falls back to the database); it does not stop
// fault logging, so readiness stays 200 with Degraded.
public sealed class SearchHealthCheck(ISearchIndex index) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var health = await index.HealthAsync(cancellationToken);
            return health.Healthy ? HealthCheckResult.Healthy(health.Description) : HealthCheckResult.Degraded(health.Description);
        }
        catch (SearchUnavailableException ex)
        {
            return HealthCheckResult.Degraded(ex.Message);
        }
    }
}
