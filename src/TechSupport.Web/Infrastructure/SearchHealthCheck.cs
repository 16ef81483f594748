using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TechSupport.Web.Infrastructure;

// Readiness of the search engine: the Lucene index folder must be writable, or Elasticsearch must
// answer its cluster health. Search being down degrades the app; it does not stop fault logging.
public sealed class SearchHealthCheck(TechSupportSettings settings, IConfiguration config, IHttpClientFactory http)
    : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            if (settings.SearchEngine == "Elasticsearch")
            {
                var url = config["Search:Elasticsearch:Url"];
                if (string.IsNullOrWhiteSpace(url))
                {
                    return HealthCheckResult.Degraded("Search:Elasticsearch:Url is not set.");
                }

                using var client = http.CreateClient("search-health");
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(url), "_cluster/health"));
                request.Headers.Authorization = Credentials();
                using var response = await client.SendAsync(request, cancellationToken);
                return response.IsSuccessStatusCode
                    ? HealthCheckResult.Healthy("Elasticsearch answers.")
                    : HealthCheckResult.Degraded($"Elasticsearch answered {(int)response.StatusCode}.");
            }

            var folder = Path.Combine(settings.DataPath, "index");
            Directory.CreateDirectory(folder);
            var probe = Path.Combine(folder, ".ready");
            await File.WriteAllTextAsync(probe, "ok", cancellationToken);
            return HealthCheckResult.Healthy("The Lucene index folder is writable.");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or HttpRequestException
            or TaskCanceledException)
        {
            return HealthCheckResult.Degraded("The search engine cannot be reached.");
        }
    }

    private AuthenticationHeaderValue? Credentials()
    {
        if (config["Search:Elasticsearch:ApiKey"] is { Length: > 0 } apiKey)
        {
            return new AuthenticationHeaderValue("ApiKey", apiKey);
        }

        return config["Search:Elasticsearch:Username"] is { Length: > 0 } user
            ? new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{config["Search:Elasticsearch:Password"]}")))
            : null;
    }
}
