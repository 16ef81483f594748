using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;

namespace TechSupport.Search.Elasticsearch;

internal sealed record ElasticsearchAnswer(HttpStatusCode Status, byte[] Body)
{
    public bool IsSuccess => (int)Status is >= 200 and <= 299;

    public string ErrorType => ReadError().Type;

    public (string Type, string RootCauseType, string Reason) ReadError()
    {
        try
        {
            using var json = JsonDocument.Parse(Body);
            if (!json.RootElement.TryGetProperty("error", out var error))
            {
                return ("", "", "");
            }

            if (error.ValueKind == JsonValueKind.String)
            {
                return ("", "", error.GetString() ?? "");
            }

            var rootCause = error.TryGetProperty("root_cause", out var causes)
                            && causes.ValueKind == JsonValueKind.Array
                            && causes.GetArrayLength() > 0
                            && causes[0].TryGetProperty("type", out var causeType)
                ? causeType.GetString() ?? ""
                : "";
            return (Text(error, "type"), rootCause, Text(error, "reason"));
        }
        catch (JsonException)
        {
            return ("", "", "");
        }

        static string Text(JsonElement element, string name) =>
            element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString() ?? ""
                : "";
    }
}

// Sends requests through the resilient HttpClient and turns every failure into a
// SearchUnavailableException whose message is ours: the engine's words go to the log only.
internal sealed class ElasticsearchConnection(HttpClient http, ILogger logger)
{
    public const string Unavailable = "The search engine is unavailable.";

    public const string Refused = "The search engine refused the request.";

    public async Task<ElasticsearchAnswer> SendAsync(
        string operation, HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = content };
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            return new ElasticsearchAnswer(response.StatusCode, body);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is HttpRequestException or ExecutionRejectedException or OperationCanceledException)
        {
            // Polly's timeout and open circuit, HttpClient's own timeout and refused connections all land here.
            ElasticsearchLog.TransportFailed(logger, operation, e);
            throw new SearchUnavailableException(Unavailable, e);
        }
    }

    public async Task<ElasticsearchAnswer> SendCheckedAsync(
        string operation, HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        var answer = await SendAsync(operation, method, path, content, ct);
        return answer.IsSuccess ? answer : throw Failure(operation, answer);
    }

    public async Task<T> SendAsync<T>(string operation, HttpMethod method, string path, HttpContent? content, CancellationToken ct)
    {
        var answer = await SendCheckedAsync(operation, method, path, content, ct);
        return Read<T>(operation, answer);
    }

    public T Read<T>(string operation, ElasticsearchAnswer answer)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(answer.Body, ElasticsearchJson.Options)
                   ?? throw new JsonException("The answer was null.");
        }
        catch (JsonException e)
        {
            ElasticsearchLog.UnreadableAnswer(logger, operation, e);
            throw new SearchUnavailableException(Unavailable, e);
        }
    }

    // Logs what the engine said and builds the exception callers see, which never quotes it.
    public SearchUnavailableException Failure(string operation, ElasticsearchAnswer answer)
    {
        var (type, rootCause, reason) = answer.ReadError();
        var status = (int)answer.Status;
        ElasticsearchLog.EngineRefused(logger, operation, status, type, rootCause);
        if (reason.Length > 0)
        {
            ElasticsearchLog.EngineReason(logger, operation, reason.Length > 1_000 ? reason[..1_000] : reason);
        }

        return new SearchUnavailableException(status is >= 500 or 429 or 408 ? Unavailable : Refused);
    }
}
