using System.Diagnostics;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace TechSupport.Search.Lucene;

/// <summary>
/// The embedded search engine: a Lucene.NET index in a folder beside the database. One writer and a
/// near-real-time searcher per index generation; a document is durable and searchable when
/// <see cref="IndexAsync"/> returns. Every read is filtered for its caller inside the Lucene query (S2).
/// </summary>
public sealed partial class LuceneSearchIndex : ISearchIndex, IDisposable
{
    private const int MaxPageSize = 100;
    private const int MaxSuggestions = 50;
    private const int SuggestionCandidates = 50;
    private const int MaxSimilar = 50;

    // How many of the best matches a search or a suggestion ranks with the full query.
    private const int RescoreWindow = 100;

    // Below this share of the best text score a candidate is noise, whatever its configuration.
    private const double MinSuggestionSimilarity = 0.1;

    private readonly IndexFolder folder;
    private readonly LuceneAnalysis analysis;
    private readonly TextQueryBuilder queries;
    private readonly SnippetBuilder snippets;
    private readonly Similarity similarity = new BM25Similarity();
    private readonly ILogger logger;

    // Serialises writes to the live generation, its reopening and its swap with a committed rebuild.
    private readonly SemaphoreSlim writes = new(1, 1);
    private Rebuild? rebuild;
    private volatile bool disposed;

    /// <summary>Opens (or creates) the index under <paramref name="indexFolder"/>.</summary>
    /// <param name="indexFolder">The root folder; the live generation is a sub-folder named in a pointer file.</param>
    /// <param name="synonymsFile">The domain synonyms, in Solr format.</param>
    /// <param name="logger">Where to log; nothing is logged when null.</param>
    /// <param name="clock">The time a damaged folder is stamped with when it is moved aside; the system clock when null.</param>
    /// <remarks>
    /// Never throws for the folder's state: an index another process holds, one that cannot be opened
    /// now and one that is damaged all construct, answer <see cref="SearchUnavailableException"/> with
    /// one sentence saying so, and report it in <see cref="HealthAsync"/>. Nothing is moved or deleted
    /// until something writes: a damaged generation is moved aside by the next write or rebuild.
    /// </remarks>
    public LuceneSearchIndex(string indexFolder, string synonymsFile, ILogger<LuceneSearchIndex>? logger = null, TimeProvider? clock = null)
    {
        this.logger = logger ?? NullLogger<LuceneSearchIndex>.Instance;
        analysis = new LuceneAnalysis(synonymsFile);
        queries = new TextQueryBuilder(analysis);
        snippets = new SnippetBuilder(analysis);
        folder = new IndexFolder(Path.GetFullPath(indexFolder), analysis, similarity, clock ?? TimeProvider.System, this.logger);
        try
        {
            folder.Ready(repair: false);
        }
        catch (SearchUnavailableException)
        {
            // Said by the folder's problem; tried again by the next write.
        }
    }

    /// <inheritdoc />
    public async Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct)
    {
        if (documents.Count == 0)
        {
            return;
        }

        var started = Stopwatch.GetTimestamp();
        await writes.WaitAsync(ct);
        try
        {
            EnsureOpen();
            var written = await WriteLiveAsync(generation => generation.WriteAsync(documents, WriteMode.Live, ct));
            if (rebuild is { } current)
            {
                await Guard(() => current.Generation.WriteAsync(documents, WriteMode.RebuildMirror, ct));
            }

            Log.Indexed(logger, documents.Count, written, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            writes.Release();
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string key, long version, CancellationToken ct)
    {
        await writes.WaitAsync(ct);
        try
        {
            EnsureOpen();
            await WriteLiveAsync(generation => generation.DeleteAsync(key, version, WriteMode.Live, ct));
            if (rebuild is { } current)
            {
                await Guard(() => current.Generation.DeleteAsync(key, version, WriteMode.RebuildMirror, ct));
            }
        }
        finally
        {
            writes.Release();
        }
    }

    // Under the write lock. A failure on disk marks the writer for reopening; what the batch held is
    // still in the caller's outbox, so nothing is lost by dropping what it had not committed.
    private async Task<T> WriteLiveAsync<T>(Func<IndexGeneration, Task<T>> write)
    {
        var generation = folder.Ready(repair: true);
        try
        {
            return await write(generation);
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            folder.WriteFailed(generation, e);
            throw new SearchUnavailableException("The search index could not be written.", e);
        }
    }

    /// <inheritdoc />
    public Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var offset = (long)(page - 1) * size;
        var filter = Filters(query);

        return Task.FromResult(Read((searcher, twoPass) =>
        {
            var text = query.Text?.Trim();
            TextQuery? textQuery = null;
            if (!string.IsNullOrEmpty(text))
            {
                textQuery = queries.Build(text, searcher.IndexReader, TermSelection.First, new VisibilityFilter(query.Access));
                if (textQuery is null)
                {
                    // Only punctuation or stop words: nothing to find, nothing to count.
                    return new SearchResults(0, [], new FacetCollector().Results());
                }
            }

            var wanted = (int)Math.Min(offset + size, Math.Max(1, searcher.IndexReader.MaxDoc));
            var facets = new FacetCollector();
            ScoreDoc[] ranked;
            int total;
            if (textQuery is null)
            {
                var newestFirst = new Sort(new SortField(LuceneFields.CreatedAt, SortFieldType.INT64, reverse: true));
                var collector = TopFieldCollector.Create(newestFirst, wanted, fillFields: false, trackDocScores: false, trackMaxScore: false, docsScoredInOrder: true);
                searcher.Search(new ConstantScoreQuery(filter), MultiCollector.Wrap(collector, facets));
                (ranked, total) = (collector.GetTopDocs().ScoreDocs, collector.TotalHits);
            }
            else if (twoPass)
            {
                (ranked, total) = SearchTwoPass(searcher, textQuery, filter, Math.Max(wanted, RescoreWindow), facets);
            }
            else
            {
                var collector = TopScoreDocCollector.Create(wanted, docsScoredInOrder: true);
                searcher.Search(Visible(textQuery.Ranking, filter), MultiCollector.Wrap(collector, facets));
                (ranked, total) = (collector.GetTopDocs().ScoreDocs, collector.TotalHits);
            }

            var hits = ranked
                .Skip((int)Math.Min(offset, int.MaxValue))
                .Take(size)
                .Select(scored =>
                {
                    var stored = searcher.Doc(scored.Doc);
                    return DocumentMapper.ToHit(stored, snippets.For(stored, textQuery?.Highlight), textQuery is null ? 0 : scored.Score);
                })
                .ToList();
            return new SearchResults(total, hits, facets.Results());
        }));
    }

    // Every match is found, counted and faceted with the cheap Matching query; the best of them
    // (the window) are ranked again by the full Ranking query, and any beyond the window keep
    // Matching's order behind them, so pages never overlap or skip.
    private static (ScoreDoc[] Ranked, int Total) SearchTwoPass(IndexSearcher searcher, TextQuery textQuery, VisibilityFilter filter, int wanted,
        ICollector facets)
    {
        var collector = TopScoreDocCollector.Create(wanted, docsScoredInOrder: true);
        searcher.Search(Visible(textQuery.Matching, filter), MultiCollector.Wrap(collector, facets));
        var first = collector.GetTopDocs();
        if (first.ScoreDocs.Length == 0)
        {
            return ([], collector.TotalHits);
        }

        var window = first.ScoreDocs.Length > RescoreWindow ? first.ScoreDocs[..RescoreWindow] : first.ScoreDocs;
        var rescored = new RankingRescorer(textQuery.Ranking).Rescore(searcher, new TopDocs(first.TotalHits, window, first.MaxScore), window.Length);
        return ([.. rescored.ScoreDocs, .. first.ScoreDocs[window.Length..]], collector.TotalHits);
    }

    // The visibility filter is a bit set, which the default strategy hands to the query's scorers as
    // the documents they may accept. (Lucene's out-of-order bulk scorer, the query-first strategy,
    // measured a fifth slower here at a million faults.)
    private static FilteredQuery Visible(Query query, VisibilityFilter filter) => new(query, filter);

    // A document the Ranking query does not match (a typo corrected only in a comment, say) goes
    // behind those it does, in Matching's order.
    private sealed class RankingRescorer(Query ranking) : QueryRescorer(ranking)
    {
        protected override float Combine(float firstPassScore, bool secondPassMatches, float secondPassScore) =>
            secondPassMatches ? secondPassScore + (firstPassScore * 1e-4f) : firstPassScore * 1e-4f;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SearchHit>> SuggestAsync(SuggestionQuery query, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var text = $"{query.Title}\n{query.Symptoms}".Trim();
        if (text.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<SearchHit>>([]);
        }

        var limit = Math.Clamp(query.Limit, 1, MaxSuggestions);
        var filter = new VisibilityFilter(query.Access, [new Term(LuceneFields.HasFix, LuceneFields.Yes)]);

        return Task.FromResult(Read<IReadOnlyList<SearchHit>>((searcher, twoPass) =>
        {
            var textQuery = queries.Build(text, searcher.IndexReader, TermSelection.MostInformative, new VisibilityFilter(query.Access), stillTyping: true);
            if (textQuery is null)
            {
                return [];
            }

            var candidates = twoPass
                ? SearchTwoPass(searcher, textQuery, filter, RescoreWindow, new TotalHitCountCollector()).Ranked.Take(SuggestionCandidates).ToArray()
                : searcher.Search(Visible(textQuery.Ranking, filter), SuggestionCandidates).ScoreDocs;
            if (candidates.Length == 0)
            {
                return [];
            }

            var best = candidates[0].Score;
            return candidates
                .Select(scored => (Scored: scored, Similarity: best > 0 ? scored.Score / best : 0))
                .Where(candidate => candidate.Similarity >= MinSuggestionSimilarity)
                .Select(candidate =>
                {
                    var stored = searcher.Doc(candidate.Scored.Doc);
                    var match = ConfigurationMatch(query.Components, stored);
                    return (Stored: stored, candidate.Similarity, Match: match, Score: Suggestion(candidate.Similarity, match));
                })
                .OrderByDescending(c => c.Score)
                .ThenByDescending(c => c.Similarity)
                .Take(limit)
                .Select(c => DocumentMapper.ToHit(c.Stored, snippets.For(c.Stored, textQuery.Highlight), c.Score) with { ConfigurationMatch = c.Match })
                .ToList();
        }));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<SearchHit>> SimilarAsync(SimilarQuery query, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var limit = Math.Clamp(query.Limit, 1, MaxSimilar);
        var access = new VisibilityFilter(query.Access);
        var self = new TermQuery(new Term(LuceneFields.Key, query.Key));

        return Task.FromResult(Read<IReadOnlyList<SearchHit>>((searcher, _) =>
        {
            // Unknown and not visible answer alike: nothing (S3).
            var found = searcher.Search(Visible(self, access), 1);
            if (found.ScoreDocs.Length == 0)
            {
                return [];
            }

            var moreLikeThis = new MoreLikeThis(searcher.IndexReader)
            {
                Analyzer = analysis.English,
                FieldNames = [LuceneFields.Title, LuceneFields.Text],
                MinTermFreq = 1,
                // A word only this document holds finds nothing else.
                MinDocFreq = 2,
                MinWordLen = 2,
                MaxQueryTerms = 25,
                StopWords = analysis.QueryStopWords.ToHashSet(StringComparer.Ordinal),
            };
            var terms = moreLikeThis.RetrieveInterestingTerms(found.ScoreDocs[0].Doc);
            if (terms.Length == 0)
            {
                return [];
            }

            var like = new BooleanQuery
            {
                { TextQueryBuilder.ForTerms(terms), Occur.MUST },
                { self, Occur.MUST_NOT },
            };
            var highlight = new HighlightTerms();
            foreach (var term in terms)
            {
                highlight.Add(term);
            }

            return searcher.Search(Visible(like, access), limit).ScoreDocs
                .Select(scored =>
                {
                    var stored = searcher.Doc(scored.Doc);
                    return DocumentMapper.ToHit(stored, snippets.For(stored, highlight), scored.Score);
                })
                .ToList();
        }));
    }

    /// <inheritdoc />
    public Task<long> CountAsync(SearchAccess access, DocumentKind? kind, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var filter = new VisibilityFilter(access, kind is { } k ? [new Term(LuceneFields.Kind, DocumentMapper.KindValue(k))] : null);

        return Task.FromResult(Read((searcher, _) =>
        {
            var counter = new TotalHitCountCollector();
            searcher.Search(new ConstantScoreQuery(filter), counter);
            return (long)counter.TotalHits;
        }));
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<(string Key, long Version)> VersionsAsync([EnumeratorCancellation] CancellationToken ct)
    {
        // A stand-in still lists what it holds: verify-index reports the rest as missing, which is true.
        var (generation, searcher) = Acquire(partialReadable: true);
        try
        {
            using var pairs = IndexGeneration.Versions(searcher, ct).GetEnumerator();
            for (var count = 1; Guard(generation, pairs.MoveNext); count++)
            {
                yield return pairs.Current;
                if (count % 1_000 == 0)
                {
                    await Task.Yield();
                }
            }
        }
        finally
        {
            generation.Release(searcher);
        }
    }

    /// <inheritdoc />
    public async Task<IIndexRebuild> BeginRebuildAsync(CancellationToken ct)
    {
        await writes.WaitAsync(ct);
        try
        {
            EnsureOpen();
            if (rebuild is not null)
            {
                throw new InvalidOperationException("A rebuild of the search index is already in progress.");
            }

            // The live generation must take the writes made while the rebuild runs: a damaged one is
            // moved aside now for an empty stand-in, and a lost one replaced by one.
            folder.Ready(repair: true);
            var generation = Guard(folder.OpenGeneration);
            rebuild = new Rebuild(this, generation);
            return rebuild;
        }
        finally
        {
            writes.Release();
        }
    }

    /// <inheritdoc />
    public async Task<SearchHealth> HealthAsync(CancellationToken ct)
    {
        if (disposed)
        {
            return new SearchHealth(false, "The Lucene index is closed.");
        }

        // A folder that was out of reach may be back: try it, unless a write is under way (it tries itself).
        if (folder.Problem is { Kind: not FolderTrouble.Damaged } || folder.Live is null || folder.Broken)
        {
            await TryReopenAsync();
        }

        if (folder.Problem is { } problem)
        {
            return new SearchHealth(false, problem.Sentence, RebuildNeeded: problem.Kind == FolderTrouble.Damaged,
                InUse: problem.Kind == FolderTrouble.InUse);
        }

        if (folder.Live is not { IsOpen: true } generation)
        {
            return new SearchHealth(false, "The search index is not open.");
        }

        if (!Directory.Exists(generation.Folder))
        {
            return new SearchHealth(false, GoneSentence, RebuildNeeded: !File.Exists(generation.Folder) && !File.Exists(folder.Root));
        }

        try
        {
            if (await generation.MissingFileAsync(ct) is { } missing)
            {
                folder.FileMissing(generation, missing);
                return await HealthAsync(ct);
            }
        }
        catch (Exception e) when (IsStorageFailure(e) && e is not ObjectDisposedException)
        {
            folder.ReadFailed(generation, e);
            if (folder.Problem is { Kind: FolderTrouble.Damaged } damaged)
            {
                return new SearchHealth(false, damaged.Sentence, RebuildNeeded: true);
            }
        }
        catch (ObjectDisposedException)
        {
            // Swapped for a rebuilt generation while it was checked.
        }

        if (generation.StandIn)
        {
            return new SearchHealth(false, StandInSentence, RebuildNeeded: true);
        }

        return generation.Format < IndexGeneration.CurrentFormat
            ? new SearchHealth(true, "The Lucene index is open; an older version wrote it, so it answers more slowly until it is rebuilt.", RebuildNeeded: true)
            : new SearchHealth(true, "The Lucene index is open.");
    }

    private const string GoneSentence = "The search index folder has gone; search waits for it to come back or for a rebuild.";

    private const string StandInSentence =
        "The search index was lost or damaged and holds only what changed since; it is rebuilt from the database.";

    private async Task TryReopenAsync()
    {
        if (!await writes.WaitAsync(TimeSpan.Zero))
        {
            return;
        }

        try
        {
            if (!disposed)
            {
                folder.Ready(repair: false);
            }
        }
        catch (SearchUnavailableException)
        {
            // The folder's problem says why.
        }
        finally
        {
            writes.Release();
        }
    }

    /// <summary>Commits and closes the live index; an uncommitted rebuild is discarded.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        writes.Wait();
        try
        {
            disposed = true;
            rebuild?.Generation.Discard();
            rebuild = null;
            folder.Dispose();
            analysis.Dispose();
        }
        finally
        {
            writes.Release();
        }
    }

    // A suggestion's score, from 0 to 1: score = similarity × (0.6 + 0.4 × match), where similarity
    // is the candidate's text score over the best candidate's (0..1) and match is
    // ConfigurationMatch (0..1). Multiplying rather than adding means a close configuration lifts
    // a fix that already reads like the fault (a text-equal fix on the operator's own kit comes
    // first, and one at 60 % of the best text score on identical kit ties the best on other kit)
    // but never carries one that does not read like it.
    internal static double Suggestion(double similarity, double match) => similarity * (0.6 + (0.4 * match));

    // How close a document's configuration is to the operator's, from 0 to 1: each product both
    // share (by ComponentKey.ProductToken) counts 1 when a version matches too (VersionToken) and ½
    // when only the product does; the sum is divided by the smaller of the two component counts,
    // so a fix recorded against two components can match fully a suite that has twenty.
    internal static double ConfigurationMatch(IReadOnlyList<ComponentKey> components, global::Lucene.Net.Documents.Document stored)
    {
        var (products, versions) = DocumentMapper.Components(stored);
        var theirs = products.ToHashSet(StringComparer.Ordinal);
        var theirVersions = versions.ToHashSet(StringComparer.Ordinal);
        var ours = components
            .Where(c => !string.IsNullOrWhiteSpace(c.Product))
            .GroupBy(c => c.ProductToken, StringComparer.Ordinal)
            .ToList();
        if (ours.Count == 0 || theirs.Count == 0)
        {
            return 0;
        }

        var shared = 0.0;
        foreach (var product in ours)
        {
            if (!theirs.Contains(product.Key))
            {
                continue;
            }

            var sameVersion = product.Any(c => !string.IsNullOrWhiteSpace(c.Version) && theirVersions.Contains(c.VersionToken));
            shared += sameVersion ? 1.0 : 0.5;
        }

        return Math.Clamp(shared / Math.Min(ours.Count, theirs.Count), 0, 1);
    }

    private static VisibilityFilter Filters(SearchQuery query)
    {
        var required = new List<Term>();
        if (query.Kind is { } kind)
        {
            required.Add(new Term(LuceneFields.Kind, DocumentMapper.KindValue(kind)));
        }

        if (query.SuiteId is { } suite)
        {
            required.Add(new Term(LuceneFields.FilterSuite, suite.ToString("D")));
        }

        AddFilter(required, LuceneFields.FilterCategory, query.Category);
        AddFilter(required, LuceneFields.FilterStatus, query.Status);
        AddFilter(required, LuceneFields.FilterEquipment, query.Equipment);
        return new VisibilityFilter(query.Access, required);
    }

    private static void AddFilter(List<Term> required, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            required.Add(new Term(field, value.Trim().ToLowerInvariant()));
        }
    }

    // The reader learns whether the generation holds the "all" field as the two-pass search needs it.
    private T Read<T>(Func<IndexSearcher, bool, T> read)
    {
        var (generation, searcher) = Acquire(partialReadable: false);
        try
        {
            return Guard(generation, () => read(searcher, generation.Format >= IndexGeneration.CurrentFormat));
        }
        finally
        {
            generation.Release(searcher);
        }
    }

    // Searches read neither a stand-in (it holds only what changed since the index was lost) nor a
    // generation found damaged (it may hold less than it seems): the caller falls back to the database
    // until the rebuild replaces it.
    private (IndexGeneration Generation, IndexSearcher Searcher) Acquire(bool partialReadable)
    {
        // A rebuild or a reopening may swap the live generation between reading it and acquiring from it.
        for (var attempt = 0; ; attempt++)
        {
            EnsureOpen();
            var generation = folder.Live
                ?? throw new SearchUnavailableException(folder.Problem?.Sentence ?? "The search index is not open.");
            if (!partialReadable && (generation.StandIn || folder.Problem is { Kind: FolderTrouble.Damaged }))
            {
                throw new SearchUnavailableException(folder.Problem?.Sentence ?? StandInSentence);
            }

            // Its readers still read through the files they hold open, but nothing new can reach it.
            if (!partialReadable && !Directory.Exists(generation.Folder))
            {
                throw new SearchUnavailableException(GoneSentence);
            }

            try
            {
                return (generation, generation.Acquire());
            }
            catch (ObjectDisposedException) when (attempt < 3 && !disposed)
            {
            }
            catch (ObjectDisposedException e)
            {
                throw new SearchUnavailableException("The Lucene index is closed.", e);
            }
        }
    }

    private void EnsureOpen()
    {
        if (disposed)
        {
            throw new SearchUnavailableException("The Lucene index is closed.");
        }
    }

    // Lucene.NET reports a writer closed by an earlier failure as ObjectDisposedException; a folder that
    // cannot be written may answer UnauthorizedAccessException, which is no IOException in .NET.
    private static bool IsStorageFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException;

    private T Guard<T>(IndexGeneration generation, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            folder.ReadFailed(generation, e);
            throw new SearchUnavailableException("The search index could not be read.", e);
        }
    }

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw new SearchUnavailableException("The search index could not be read or written.", e);
        }
    }

    private static async Task<T> Guard<T>(Func<Task<T>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (IsStorageFailure(e))
        {
            throw new SearchUnavailableException("The search index could not be read or written.", e);
        }
    }

    private async Task CommitRebuildAsync(Rebuild committing, CancellationToken ct)
    {
        (IndexGeneration? Retired, bool Damaged) swapped;
        await writes.WaitAsync(ct);
        try
        {
            EnsureOpen();
            if (!ReferenceEquals(rebuild, committing))
            {
                throw new InvalidOperationException("This rebuild is no longer in progress.");
            }

            await Guard(async () =>
            {
                await committing.Generation.CommitAsync(ct);
                return true;
            });
            swapped = Guard(() => folder.Swap(committing.Generation));
            rebuild = null;
        }
        finally
        {
            writes.Release();
        }

        Log.RebuildCommitted(logger, committing.Generation.Name);
        if (swapped.Retired is { } retired)
        {
            folder.Retire(retired, swapped.Damaged);
        }
    }

    private async Task AbandonRebuildAsync(Rebuild abandoned)
    {
        await writes.WaitAsync(CancellationToken.None);
        try
        {
            if (ReferenceEquals(rebuild, abandoned))
            {
                rebuild = null;
            }
        }
        finally
        {
            writes.Release();
        }

        abandoned.Generation.Discard();
    }

    private sealed class Rebuild(LuceneSearchIndex owner, IndexGeneration generation) : IIndexRebuild
    {
        private bool committed;
        private bool disposed;

        public IndexGeneration Generation => generation;

        public async Task AddAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct)
        {
            ObjectDisposedException.ThrowIf(disposed || committed, this);
            if (documents.Count > 0)
            {
                await Guard(() => generation.WriteAsync(documents, WriteMode.RebuildAdd, ct));
            }
        }

        public async Task CommitAsync(CancellationToken ct)
        {
            ObjectDisposedException.ThrowIf(disposed || committed, this);
            await owner.CommitRebuildAsync(this, ct);
            committed = true;
        }

        public async ValueTask DisposeAsync()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            if (!committed)
            {
                await owner.AbandonRebuildAsync(this);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Indexed a batch of {Count} search documents ({Written} newer than stored) in {ElapsedMs:F1} ms")]
        public static partial void Indexed(ILogger logger, int count, int written, double elapsedMs);

        [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "The rebuilt search index {Generation} is now live")]
        public static partial void RebuildCommitted(ILogger logger, string generation);
    }
}
