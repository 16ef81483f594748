using System.Buffers;
using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace TechSupport.Search.Elasticsearch;

/// <summary>
/// The production adapter of the search port: Elasticsearch 8 over its REST API. Reads and writes go
/// through the alias <c>{prefix}-docs</c>, which points to one versioned index (<c>{prefix}-docs-000001</c>,
/// ...); a rebuild fills the next one and swaps the alias. Documents carry external versions, so the
/// engine itself rejects an update older than what it holds.
/// </summary>
public sealed class ElasticsearchSearchIndex : ISearchIndex
{
    /// <summary>The name of the typed HttpClient (and of its resilience pipeline).</summary>
    public const string HttpClientName = "TechSupport.Search.Elasticsearch";

    private const string PointInTimeKeepAlive = "1m";
    private const int VersionsPageSize = 1_000;
    private const string IndexNotFound = "index_not_found_exception";

    private readonly ElasticsearchConnection connection;
    private readonly ElasticsearchIndexState state;
    private readonly ElasticsearchOptions options;
    private readonly ILogger logger;

    internal ElasticsearchSearchIndex(
        HttpClient http, ElasticsearchIndexState state, IOptions<ElasticsearchOptions> options, ILogger<ElasticsearchSearchIndex> logger)
    {
        connection = new ElasticsearchConnection(http, logger);
        this.state = state;
        this.options = options.Value;
        this.logger = logger;
    }

    private ElasticsearchIndexNames Names => state.Names;

    /// <inheritdoc />
    public async Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Count == 0)
        {
            return;
        }

        await EnsureReadyAsync(ct);
        var targets = await LiveTargetsAsync(ct);
        await BulkAsync("index", [.. documents.Select(d => new BulkWrite(d.Key, d.Version, IndexedDocument.From(d)))], targets, ct);
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string key, long version, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        await EnsureReadyAsync(ct);
        var targets = await LiveTargetsAsync(ct);
        await BulkAsync("delete", [new BulkWrite(key, version, null)], targets, ct);
    }

    /// <inheritdoc />
    public async Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureReadyAsync(ct);
        var response = await OnAliasAsync<SearchResponse>("search", "_search", ElasticsearchQueries.Search(query), ct);
        return ElasticsearchResults.ToResults(response);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> SuggestAsync(SuggestionQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (ElasticsearchQueries.Suggest(query) is not { } body)
        {
            return [];
        }

        await EnsureReadyAsync(ct);
        var response = await OnAliasAsync<SearchResponse>("suggest", "_search", body, ct);
        return
        [
            .. response.Hits.Hits.Select(hit =>
                ElasticsearchResults.ToHit(hit, ElasticsearchResults.ConfigurationMatch(query.Components, hit.Source))),
        ];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SearchHit>> SimilarAsync(SimilarQuery query, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(query);
        await EnsureReadyAsync(ct);

        // more_like_this reads the like-document without the caller's filter, so a document the caller may
        // not see must not even serve as the example (S3): check it first.
        var visible = await OnAliasAsync<CountResponse>("similar", "_count", ElasticsearchQueries.Visible(query.Key, query.Access), ct);
        if (visible.Count == 0)
        {
            return [];
        }

        var response = await OnAliasAsync<SearchResponse>("similar", "_search", ElasticsearchQueries.Similar(query, Names.Alias), ct);
        return [.. response.Hits.Hits.Select(hit => ElasticsearchResults.ToHit(hit))];
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(SearchAccess access, DocumentKind? kind, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(access);
        await EnsureReadyAsync(ct);
        var response = await OnAliasAsync<CountResponse>("count", "_count", ElasticsearchQueries.Count(access, kind), ct);
        return response.Count;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<(string Key, long Version)> VersionsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        var opened = await connection.SendAsync<OpenPointInTimeResponse>(
            "versions", HttpMethod.Post, $"{Names.Alias}/_pit?keep_alive={PointInTimeKeepAlive}", null, ct);
        var pit = opened.Id;
        try
        {
            IReadOnlyList<JsonElement>? after = null;
            while (true)
            {
                var body = ElasticsearchQueries.VersionsPage(new PointInTime(pit, PointInTimeKeepAlive), VersionsPageSize, after);
                var page = await connection.SendAsync<SearchResponse>(
                    "versions", HttpMethod.Post, "_search", ElasticsearchJson.Content(body), ct);
                pit = page.PitId ?? pit;
                foreach (var hit in page.Hits.Hits)
                {
                    yield return (hit.Source?.Key is { Length: > 0 } key ? key : hit.Id, hit.Source?.Version ?? 0);
                }

                if (page.Hits.Hits.Count < VersionsPageSize)
                {
                    break;
                }

                after = page.Hits.Hits[^1].Sort;
            }
        }
        finally
        {
            await ClosePointInTimeAsync(pit);
        }
    }

    /// <inheritdoc />
    public async Task<IIndexRebuild> BeginRebuildAsync(CancellationToken ct)
    {
        await EnsureReadyAsync(ct);
        var indices = await ListIndicesAsync(ct);

        // A rebuild that never committed (the process died) is superseded by this one.
        foreach (var stale in indices.Where(i => i.Aliases.Contains(Names.RebuildAlias) && !i.Aliases.Contains(Names.Alias)))
        {
            await DeleteIndexAsync(stale.Name, ct);
        }

        var index = Names.Index(NextNumber(indices));
        await connection.SendCheckedAsync(
            "begin rebuild", HttpMethod.Put, index,
            ElasticsearchJson.Content(new CreateIndexBody(new Dictionary<string, EmptyObject> { [Names.RebuildAlias] = new() })), ct);
        ElasticsearchLog.RebuildStarted(logger, index);
        return new ElasticsearchIndexRebuild(this, index);
    }

    /// <inheritdoc />
    public async Task<SearchHealth> HealthAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.HealthTimeout);
        var wait = (long)options.HealthTimeout.TotalMilliseconds;
        try
        {
            var health = await connection.SendAsync<ClusterHealthResponse>(
                "health", HttpMethod.Get, $"_cluster/health?timeout={wait.ToString(CultureInfo.InvariantCulture)}ms", null, timeout.Token);
            var status = health.Status.ToLowerInvariant();
            return status is "green" or "yellow"
                ? new SearchHealth(true, $"Elasticsearch answers; the cluster is {status}.")
                : new SearchHealth(false, $"Elasticsearch answers, but the cluster is {status}.");
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            ElasticsearchLog.HealthFailed(logger, e);
            return new SearchHealth(false, "Elasticsearch did not answer in time.");
        }
        catch (SearchUnavailableException e)
        {
            ElasticsearchLog.HealthFailed(logger, e);
            return new SearchHealth(false, "Elasticsearch is unavailable.");
        }
    }

    internal Task AddToRebuildAsync(string index, IReadOnlyCollection<SearchDocument> documents, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(documents);
        return documents.Count == 0
            ? Task.CompletedTask
            : BulkAsync(
                "rebuild",
                [.. documents.Select(d => new BulkWrite(d.Key, d.Version, IndexedDocument.From(d)))],
                [new BulkTarget(index, RequireAlias: false, Optional: false)],
                ct);
    }

    internal async Task CommitRebuildAsync(string index, CancellationToken ct)
    {
        await connection.SendCheckedAsync("commit rebuild", HttpMethod.Post, $"{index}/_refresh", null, ct);
        var previous = (await ListIndicesAsync(ct))
            .Where(i => i.Name != index && i.Aliases.Contains(Names.Alias))
            .Select(i => i.Name)
            .ToList();

        // One request, so readers see the old index or the new one, never neither.
        List<AliasAction> actions =
        [
            .. previous.Select(name => new AliasAction { Remove = new AliasTarget(name, Names.Alias) }),
            new AliasAction { Remove = new AliasTarget(index, Names.RebuildAlias) },
            new AliasAction { Add = new AliasTarget(index, Names.Alias) },
        ];
        var answer = await connection.SendAsync(
            "commit rebuild", HttpMethod.Post, "_aliases", ElasticsearchJson.Content(new UpdateAliasesBody(actions)), ct);
        if (!answer.IsSuccess && !await IsLiveAsync(index, ct))
        {
            throw connection.Failure("commit rebuild", answer);
        }

        ElasticsearchLog.AliasSwapped(logger, Names.Alias, index, previous.Count == 0 ? "none" : string.Join(", ", previous));
        foreach (var name in previous)
        {
            try
            {
                await DeleteIndexAsync(name, ct);
            }
            catch (SearchUnavailableException e)
            {
                ElasticsearchLog.IndexNotDeleted(logger, name, e);
            }
        }
    }

    internal async Task DiscardRebuildAsync(string index)
    {
        try
        {
            // Disposal has no token; the resilience pipeline's total timeout bounds this.
            await DeleteIndexAsync(index, CancellationToken.None);
            ElasticsearchLog.RebuildDiscarded(logger, index);
        }
        catch (SearchUnavailableException e)
        {
            ElasticsearchLog.IndexNotDeleted(logger, index, e);
        }
    }

    private Task EnsureReadyAsync(CancellationToken ct) => state.EnsureReadyAsync(BootstrapAsync, ct);

    /// <summary>
    /// Puts the index template, then makes sure the alias points to an index, creating the first one if none does;
    /// an index that already exists takes the template's mappings, so fields added since it was made can be written.
    /// </summary>
    private async Task BootstrapAsync(CancellationToken ct)
    {
        var template = await ElasticsearchIndexTemplate.BuildAsync(Names, options.SynonymsFile, logger, ct);
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(template.ToJsonString()));
        content.Headers.ContentType = ElasticsearchJson.Json;
        await connection.SendCheckedAsync("put index template", HttpMethod.Put, $"_index_template/{Names.TemplateName}", content, ct);

        for (var attempt = 1; ; attempt++)
        {
            var indices = await ListIndicesAsync(ct);
            if (indices.Any(i => i.Aliases.Contains(Names.Alias)))
            {
                await PutMappingsAsync(template, ct);
                return;
            }

            var index = Names.Index(NextNumber(indices));
            var answer = await connection.SendAsync(
                "create index", HttpMethod.Put, index,
                ElasticsearchJson.Content(new CreateIndexBody(new Dictionary<string, EmptyObject> { [Names.Alias] = new() })), ct);
            if (answer.IsSuccess)
            {
                ElasticsearchLog.IndexCreated(logger, index, Names.Alias);
                return;
            }

            // Another instance of the app (or a retried attempt of ours) created it first: look again, once.
            if (attempt == 1 && answer.ErrorType == "resource_already_exists_exception")
            {
                continue;
            }

            throw connection.Failure("create index", answer);
        }
    }

    // Mappings are dynamic: strict, so a document with a field the live index does not know is refused. Adding a
    // field to a live index is allowed; changing one is not, and only a reindex (a new index from the template) can.
    private async Task PutMappingsAsync(JsonObject template, CancellationToken ct)
    {
        var mappings = template["template"]?["mappings"]
                       ?? throw new InvalidOperationException("The index template has no template.mappings.");
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(mappings.ToJsonString()));
        content.Headers.ContentType = ElasticsearchJson.Json;
        var answer = await connection.SendAsync("put mappings", HttpMethod.Put, $"{Names.Alias}/_mapping", content, ct);
        if (answer.IsSuccess)
        {
            return;
        }

        var failure = connection.Failure("put mappings", answer);
        if (failure.Message == ElasticsearchConnection.Unavailable)
        {
            throw failure;
        }

        ElasticsearchLog.MappingsKept(logger, Names.Alias);
    }

    private async Task<T> OnAliasAsync<T>(string operation, string endpoint, object body, CancellationToken ct)
    {
        var answer = await connection.SendAsync(
            operation, HttpMethod.Post, $"{Names.Alias}/{endpoint}", ElasticsearchJson.Content(body), ct);
        if (answer.IsSuccess)
        {
            return connection.Read<T>(operation, answer);
        }

        if (answer.ErrorType == IndexNotFound)
        {
            state.Invalidate();
        }

        throw connection.Failure(operation, answer);
    }

    /// <summary>Where live writes go: the alias, and the index a rebuild is filling when one is under way.</summary>
    private async Task<IReadOnlyList<BulkTarget>> LiveTargetsAsync(CancellationToken ct)
    {
        // Looked up per batch, not cached: the database change behind a write that misses a rebuild that has
        // just begun was committed before the rebuild started reading, so the rebuild picks it up itself.
        var answer = await connection.SendAsync("find rebuild", HttpMethod.Head, $"_alias/{Names.RebuildAlias}", null, ct);
        return answer.Status switch
        {
            HttpStatusCode.OK =>
            [
                new BulkTarget(Names.Alias, RequireAlias: true, Optional: false),
                new BulkTarget(Names.RebuildAlias, RequireAlias: true, Optional: true),
            ],
            HttpStatusCode.NotFound => [new BulkTarget(Names.Alias, RequireAlias: true, Optional: false)],
            _ => throw connection.Failure("find rebuild", answer),
        };
    }

    private async Task BulkAsync(string operation, IReadOnlyList<BulkWrite> writes, IReadOnlyList<BulkTarget> targets, CancellationToken ct)
    {
        foreach (var batch in writes.Chunk(options.BulkBatchSize))
        {
            var (content, items) = BulkBody(batch, targets);
            var answer = await connection.SendAsync(operation, HttpMethod.Post, "_bulk", content, ct);
            if (!answer.IsSuccess)
            {
                if (answer.ErrorType == IndexNotFound)
                {
                    state.Invalidate();
                }

                var failure = connection.Failure(operation, answer);
                // A malformed bulk body is the documents' fault, and sending them again will not help.
                throw answer.Status == HttpStatusCode.BadRequest ? new SearchUnavailableException(failure.Message) { Refused = true } : failure;
            }

            var response = connection.Read<BulkResponse>(operation, answer);
            if (response.Errors)
            {
                CheckItems(operation, response, items);
            }
        }
    }

    /// <summary>The NDJSON body: an action line per document and target, then the document for an index action.</summary>
    private static (ByteArrayContent Content, List<(BulkWrite Write, BulkTarget Target)> Items) BulkBody(
        IReadOnlyList<BulkWrite> writes, IReadOnlyList<BulkTarget> targets)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var items = new List<(BulkWrite, BulkTarget)>(writes.Count * targets.Count);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            foreach (var write in writes)
            {
                foreach (var target in targets)
                {
                    // Deletes use external_gte: a delete at the stored version removes it ("unless newer").
                    var action = write.Document is null
                        ? new BulkAction { Delete = new BulkOperation(target.Index, write.Key, write.Version, "external_gte") }
                        : new BulkAction
                        {
                            Index = new BulkOperation(target.Index, write.Key, write.Version, "external")
                            {
                                RequireAlias = target.RequireAlias ? true : null,
                            },
                        };
                    Line(writer, buffer, action);
                    if (write.Document is not null)
                    {
                        Line(writer, buffer, write.Document);
                    }

                    items.Add((write, target));
                }
            }
        }

        var content = new ByteArrayContent(buffer.WrittenSpan.ToArray());
        content.Headers.ContentType = ElasticsearchJson.NdJson;
        return (content, items);

        static void Line<T>(Utf8JsonWriter writer, ArrayBufferWriter<byte> buffer, T value)
        {
            writer.Reset(buffer);
            JsonSerializer.Serialize(writer, value, ElasticsearchJson.Options);
            writer.Flush();
            buffer.Write("\n"u8);
        }
    }

    /// <summary>
    /// Version conflicts mean the engine already holds a newer document: the point of external versions, not
    /// an error. So is a delete of a missing document, and a rebuild index that vanished mid-batch.
    /// </summary>
    private void CheckItems(string operation, BulkResponse response, List<(BulkWrite Write, BulkTarget Target)> items)
    {
        var refused = 0;
        var transient = false;
        var indexMissing = false;
        for (var i = 0; i < response.Items.Count && i < items.Count; i++)
        {
            var result = response.Items[i].Result;
            var (write, target) = items[i];
            if (result is null
                || result.Status is >= 200 and <= 299 or (int)HttpStatusCode.Conflict
                || (write.Document is null && result.Status == (int)HttpStatusCode.NotFound && result.Error is null)
                || (target.Optional && result.Error?.Type == IndexNotFound))
            {
                continue;
            }

            if (result.Error?.Type == IndexNotFound)
            {
                state.Invalidate();
                indexMissing = true;
            }

            refused++;
            transient |= result.Status is 429 or >= 500;
            if (refused <= 10)
            {
                ElasticsearchLog.BulkItemRefused(logger, operation, write.Key, result.Status, result.Error?.Type ?? "");
            }
        }

        if (refused > 0)
        {
            // Only a document the engine refuses is the document's fault: a missing index is made again
            // by the next write, and a busy or failing node may take it later.
            throw transient || indexMissing
                ? new SearchUnavailableException(ElasticsearchConnection.Unavailable)
                : new SearchUnavailableException(ElasticsearchConnection.Refused) { Refused = true };
        }
    }

    private async Task<List<IndexEntry>> ListIndicesAsync(CancellationToken ct)
    {
        var answer = await connection.SendAsync("list indices", HttpMethod.Get, $"{Names.IndexPattern}/_alias", null, ct);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return [];
        }

        if (!answer.IsSuccess)
        {
            throw connection.Failure("list indices", answer);
        }

        var entries = connection.Read<Dictionary<string, IndexAliases>>("list indices", answer);
        return
        [
            .. entries
                .Select(e => (e.Key, Number: Names.NumberOf(e.Key), e.Value))
                .Where(e => e.Number is not null)
                .Select(e => new IndexEntry(e.Key, e.Number!.Value, e.Value.Aliases.Keys.ToHashSet(StringComparer.Ordinal))),
        ];
    }

    private async Task<bool> IsLiveAsync(string index, CancellationToken ct)
    {
        var indices = await ListIndicesAsync(ct);
        return indices.Any(i => i.Name == index && i.Aliases.Contains(Names.Alias) && !i.Aliases.Contains(Names.RebuildAlias));
    }

    private async Task DeleteIndexAsync(string index, CancellationToken ct)
    {
        var answer = await connection.SendAsync("delete index", HttpMethod.Delete, index, null, ct);
        if (answer.IsSuccess)
        {
            ElasticsearchLog.IndexDeleted(logger, index);
        }
        else if (answer.Status != HttpStatusCode.NotFound)
        {
            throw connection.Failure("delete index", answer);
        }
    }

    private async Task ClosePointInTimeAsync(string pit)
    {
        try
        {
            // Closing on the way out, cancelled or not; an unclosed one expires after its keep-alive anyway.
            await connection.SendAsync(
                "versions", HttpMethod.Delete, "_pit", ElasticsearchJson.Content(new ClosePointInTimeBody(pit)), CancellationToken.None);
        }
        catch (SearchUnavailableException)
        {
        }
    }

    private static int NextNumber(IEnumerable<IndexEntry> indices) => indices.Select(i => i.Number).DefaultIfEmpty(0).Max() + 1;

    private sealed record IndexEntry(string Name, int Number, HashSet<string> Aliases);

    private sealed record BulkWrite(string Key, long Version, IndexedDocument? Document);

    private sealed record BulkTarget(string Index, bool RequireAlias, bool Optional);
}
