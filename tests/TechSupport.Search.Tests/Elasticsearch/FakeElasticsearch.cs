using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace TechSupport.Search.Tests.Elasticsearch;

/// <summary>One request as the fake engine received it.</summary>
public sealed record RecordedRequest(HttpMethod Method, string Path, string Query, string Body, string? ContentType, string? Authorization)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body is JSON null.");

    /// <summary>The lines of an NDJSON body, parsed.</summary>
    public IReadOnlyList<JsonNode> Lines =>
        [.. Body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!)];

    public override string ToString() => $"{Method} {Path}{Query}";
}

/// <summary>
/// A stand-in for Elasticsearch 8 behind the adapter's HttpClient: it records every request and answers
/// in the API's documented shapes. Index and alias bookkeeping is simulated, so bootstrap and rebuild run
/// as against a real node; searches, counts and bulks answer empty or successful unless
/// <see cref="Respond"/> answers first.
/// </summary>
public sealed class FakeElasticsearch : HttpMessageHandler
{
    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly Dictionary<string, HashSet<string>> indices = new(StringComparer.Ordinal);

    /// <summary>A path the engine is published under behind a proxy, e.g. "/es".</summary>
    public string BasePath { get; init; } = "";

    /// <summary>When set, the engine never answers: every request waits until the client gives up.</summary>
    public bool Stalled { get; set; }

    /// <summary>Answers a request before the simulation does; return null to let it answer.</summary>
    public Func<RecordedRequest, HttpResponseMessage?>? Respond { get; set; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>The indices and the aliases each holds, as the simulation sees them now.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> Indices
    {
        get
        {
            lock (gate)
            {
                return indices.ToDictionary(i => i.Key, i => (IReadOnlySet<string>)i.Value.ToHashSet(), StringComparer.Ordinal);
            }
        }
    }

    public void AddIndex(string name, params string[] aliases)
    {
        lock (gate)
        {
            indices[name] = [.. aliases];
        }
    }

    public IReadOnlyList<RecordedRequest> To(HttpMethod method, string path) =>
        [.. Requests.Where(r => r.Method == method && r.Path == path)];

    public RecordedRequest Last(HttpMethod method, string path) =>
        To(method, path) is [.., var last] ? last : throw new InvalidOperationException($"No {method} {path} was sent; sent: {string.Join(", ", Requests)}");

    public static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Json(string json) => Json(HttpStatusCode.OK, json);

    public static HttpResponseMessage Error(HttpStatusCode status, string type, string reason) =>
        Json(status, new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["root_cause"] = new JsonArray(new JsonObject { ["type"] = type, ["reason"] = reason }),
                ["type"] = type,
                ["reason"] = reason,
            },
            ["status"] = (int)status,
        }.ToJsonString());

    public const string EmptySearch =
        """{"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]}}""";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method,
            Uri.UnescapeDataString(request.RequestUri!.AbsolutePath),
            request.RequestUri.Query,
            body,
            request.Content?.Headers.ContentType?.MediaType,
            request.Headers.Authorization?.ToString());
        lock (gate)
        {
            requests.Add(recorded);
        }

        if (Stalled)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        return Respond?.Invoke(recorded) ?? Simulate(recorded);
    }

    private HttpResponseMessage Simulate(RecordedRequest request)
    {
        var segments = request.Path[BasePath.Length..].Trim('/').Split('/');
        lock (gate)
        {
            switch (request.Method.Method, segments)
            {
                case ("PUT", ["_index_template", _]):
                    return Json("""{"acknowledged":true}""");

                case ("GET", [var pattern, "_alias"]):
                    return Json(Aliases(pattern));

                case ("HEAD", ["_alias", var alias]):
                    return new HttpResponseMessage(indices.Values.Any(a => a.Contains(alias)) ? HttpStatusCode.OK : HttpStatusCode.NotFound);

                case ("PUT", [var target, "_mapping"]):
                    return indices.Any(i => i.Key == target || i.Value.Contains(target))
                        ? Json("""{"acknowledged":true}""")
                        : Error(HttpStatusCode.NotFound, "index_not_found_exception", $"no such index [{target}]");

                case ("PUT", [var index]):
                    if (indices.ContainsKey(index))
                    {
                        return Error(HttpStatusCode.BadRequest, "resource_already_exists_exception", $"index [{index}] already exists");
                    }

                    indices[index] = [.. (request.Json["aliases"]?.AsObject() ?? []).Select(a => a.Key)];
                    return Json($$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{index}}"}""");

                case ("DELETE", ["_pit"]):
                    return Json("""{"succeeded":true,"num_freed":1}""");

                case ("DELETE", [var index]):
                    return indices.Remove(index)
                        ? Json("""{"acknowledged":true}""")
                        : Error(HttpStatusCode.NotFound, "index_not_found_exception", $"no such index [{index}]");

                case ("POST", ["_aliases"]):
                    foreach (var action in request.Json["actions"]!.AsArray())
                    {
                        if (action!["remove"] is { } remove)
                        {
                            indices[remove["index"]!.GetValue<string>()].Remove(remove["alias"]!.GetValue<string>());
                        }

                        if (action["add"] is { } add)
                        {
                            indices[add["index"]!.GetValue<string>()].Add(add["alias"]!.GetValue<string>());
                        }
                    }

                    return Json("""{"acknowledged":true,"errors":false}""");

                case ("POST", [_, "_refresh"]):
                    return Json("""{"_shards":{"total":1,"successful":1,"failed":0}}""");

                case ("POST", ["_bulk"]):
                    return Json(BulkAccepted(request));

                case ("POST", [_, "_pit"]):
                    return Json("""{"id":"pit-1"}""");

                case ("POST", [.., "_search"]):
                    return Json(EmptySearch);

                case ("POST", [_, "_count"]):
                    return Json("""{"count":0,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0}}""");

                case ("GET", ["_cluster", "health"]):
                    return Json("""{"cluster_name":"test","status":"green","timed_out":false,"number_of_nodes":1}""");

                default:
                    return Error(HttpStatusCode.BadRequest, "illegal_argument_exception", $"the fake has no answer for {request}");
            }
        }
    }

    private string Aliases(string pattern)
    {
        var prefix = pattern.TrimEnd('*');
        var answer = new JsonObject();
        foreach (var (name, aliases) in indices.Where(i => i.Key.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var held = new JsonObject();
            foreach (var alias in aliases)
            {
                held[alias] = new JsonObject();
            }

            answer[name] = new JsonObject { ["aliases"] = held };
        }

        return answer.ToJsonString();
    }

    /// <summary>A successful answer with one item per action line, in order.</summary>
    public static string BulkAccepted(RecordedRequest request)
    {
        var items = new JsonArray();
        foreach (var line in request.Lines)
        {
            var (operation, result, status) = line switch
            {
                _ when line["index"] is not null => ("index", "created", 201),
                _ when line["delete"] is not null => ("delete", "deleted", 200),
                _ => ("", "", 0),
            };
            if (operation.Length > 0)
            {
                items.Add(new JsonObject
                {
                    [operation] = new JsonObject
                    {
                        ["_index"] = line[operation]!["_index"]!.GetValue<string>(),
                        ["_id"] = line[operation]!["_id"]!.GetValue<string>(),
                        ["_version"] = line[operation]!["version"]!.GetValue<long>(),
                        ["result"] = result,
                        ["status"] = status,
                    },
                });
            }
        }

        return new JsonObject { ["took"] = 1, ["errors"] = false, ["items"] = items }.ToJsonString();
    }
}
