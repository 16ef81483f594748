using Lucene.Net.Codecs;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Microsoft.Extensions.Logging;

namespace TechSupport.Search.Lucene;

internal enum WriteMode
{
    Live,

    // Checked only against what live traffic wrote into the rebuild, so its batches need no reopen.
    RebuildAdd,

    // Live traffic copied into a rebuild in progress, so nothing written meanwhile is lost.
    RebuildMirror
}

// One index folder: its writer (one per folder, thread-safe) and a near-real-time searcher manager.
// The live index is one generation; a rebuild writes a second one until it is committed.
internal sealed partial class IndexGeneration : IDisposable
{
    private readonly FSDirectory directory;
    private readonly IndexWriter writer;
    private readonly SearcherManager searchers;
    private readonly SemaphoreSlim gate = new(1, 1);

    // Rebuilds only: versions that live traffic wrote or deleted while the rebuild ran.
    private readonly Dictionary<string, (long Version, bool Deleted)> mirrored = new(StringComparer.Ordinal);
    private bool unrefreshed;
    private bool closed;

    // The layout of the fields a generation holds. 1: no record of it. 2: every searched text also
    // in the "all" field. 3: the suite's components no longer in "all" (a query naming a product
    // matched every fault on every suite that has it). 4: the synonym list's phrases a document
    // holds, as terms of the "phrases" field. A generation an older layout wrote is searched the
    // old way until a rebuild replaces it.
    public const int CurrentFormat = 4;

    private const string FormatKey = "techsupport.format";

    // A generation that stands in for an index that was lost or damaged: it holds only what changed
    // since, until a rebuild replaces it. Kept in the commit, so a restart before the rebuild knows.
    private const string StandInKey = "techsupport.standin";

    private readonly LuceneAnalysis analysis;

    private IndexGeneration(string folder, FSDirectory directory, IndexWriter writer, SearcherManager searchers, int format,
        bool standIn, LuceneAnalysis analysis)
    {
        this.analysis = analysis;
        Format = format;
        StandIn = standIn;
        Folder = folder;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
    }

    public string Folder { get; }

    public string Name => Path.GetFileName(Folder);

    public int Format { get; }

    public bool StandIn { get; }

    public bool IsOpen => !Volatile.Read(ref closed);

    // Opens (or creates) the generation and reads every file its last commit names as far as its
    // checksum footer, so a missing or truncated segment file fails here rather than in a search.
    // Throws what Lucene throws; IndexFolder decides what the failure means. A generation the pointer
    // names must hold an index: an empty folder there means its files were deleted.
    public static IndexGeneration Open(string folder, LuceneAnalysis analysis, Similarity similarity, ILogger logger, bool standIn = false,
        bool mustExist = false)
    {
        System.IO.Directory.CreateDirectory(folder);
        var directory = FSDirectory.Open(folder);
        IndexWriter? writer = null;
        SearcherManager? searchers = null;
        try
        {
            var config = new IndexWriterConfig(LuceneAnalysis.Version, analysis.IndexAnalyzer)
            {
                OpenMode = OpenMode.CREATE_OR_APPEND,
                Similarity = similarity,
                RAMBufferSizeMB = 48,
                MergedSegmentWarmer = new FacetWarmer(),
                // Every search pays per segment (term lookups, the rescoring's weights), and near-real-time
                // writes leave a tail of tiny ones: merge sooner than Lucene's default of ten per tier.
                MergePolicy = new TieredMergePolicy { SegmentsPerTier = 4, MaxMergeAtOnce = 4 },
                MergeScheduler = new LoggedMergeScheduler(logger, Path.GetFileName(folder)),
            };
            var existing = DirectoryReader.IndexExists(directory);
            if (existing)
            {
                CheckFiles(directory);
            }
            else if (mustExist)
            {
                throw new IndexNotFoundException("The generation holds no index.");
            }

            writer = new IndexWriter(directory, config);
            int format;
            if (existing)
            {
                format = writer.CommitData.TryGetValue(FormatKey, out var stored) && int.TryParse(stored, out var number) ? number : 1;
                standIn = writer.CommitData.TryGetValue(StandInKey, out var marked) && marked == "true";
            }
            else
            {
                format = CurrentFormat;
                var data = new Dictionary<string, string> { [FormatKey] = format.ToString(System.Globalization.CultureInfo.InvariantCulture) };
                if (standIn)
                {
                    data[StandInKey] = "true";
                }

                writer.SetCommitData(data);
            }

            // A new folder gets an empty first commit, so a restart finds an index even if nothing was written.
            writer.Commit();
            searchers = new SearcherManager(writer, applyAllDeletes: true, new SimilaritySearcherFactory(similarity));
            return new IndexGeneration(folder, directory, writer, searchers, format, standIn, analysis);
        }
        catch
        {
            searchers?.Dispose();
            Close(writer, commit: false);
            directory.Dispose();
            throw;
        }
    }

    // The first file the last commit names that is gone, or null when all are there: a segment deleted
    // under a running index still reads through the handles already open, and fails only at the next
    // start. Throws what Lucene throws when the commit itself cannot be read.
    // Under the gate, so no commit retires the files being checked.
    public async Task<string?> MissingFileAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            ObjectDisposedException.ThrowIf(closed, this);
            var commit = new SegmentInfos();
            commit.Read(directory);
            return commit.GetFiles(directory, includeSegmentsFile: true).FirstOrDefault(name => !File.Exists(Path.Combine(Folder, name)));
        }
        finally
        {
            gate.Release();
        }
    }

    public IndexSearcher Acquire() => searchers.Acquire();

    public void Release(IndexSearcher searcher) => searchers.Release(searcher);

    public async Task<int> WriteAsync(IReadOnlyCollection<SearchDocument> documents, WriteMode mode, CancellationToken ct)
    {
        // The newest of each key in the batch, so a batch holding two updates of one fault keeps the later.
        var newest = new Dictionary<string, SearchDocument>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            if (!newest.TryGetValue(document.Key, out var seen) || seen.Version <= document.Version)
            {
                newest[document.Key] = document;
            }
        }

        await gate.WaitAsync(ct);
        try
        {
            var searcher = PrepareLookups(mode);
            var lookup = searcher is null ? null : new VersionLookup(searcher);
            try
            {
                // No cancellation inside the batch: a half-written batch would be invisible to the
                // version lookups of the next one until published.
                var written = 0;
                foreach (var document in newest.Values)
                {
                    var stored = StoredVersion(lookup, document.Key, mode);
                    // A tombstone of the same version wins: the delete came after that update.
                    if (stored is { } s && (s.Version > document.Version || (s.Deleted && s.Version == document.Version)))
                    {
                        continue;
                    }

                    writer.UpdateDocument(new Term(LuceneFields.Key, document.Key), DocumentMapper.ToLucene(document, analysis));
                    Remember(document.Key, document.Version, deleted: false, mode);
                    written++;
                }

                return written;
            }
            finally
            {
                if (searcher is not null)
                {
                    searchers.Release(searcher);
                }

                Publish(mode);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    // A tombstone is left either way, so a late older update cannot bring the key back.
    public async Task<bool> DeleteAsync(string key, long version, WriteMode mode, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            var searcher = PrepareLookups(mode);
            try
            {
                if (StoredVersion(searcher is null ? null : new VersionLookup(searcher), key, mode) is { } stored && stored.Version > version)
                {
                    return false;
                }

                writer.UpdateDocument(new Term(LuceneFields.Key, key), DocumentMapper.Tombstone(key, version));
                Remember(key, version, deleted: true, mode);
                Publish(mode);
                return true;
            }
            finally
            {
                if (searcher is not null)
                {
                    searchers.Release(searcher);
                }
            }
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            writer.Commit();
            searchers.MaybeRefreshBlocking();
            unrefreshed = false;
        }
        finally
        {
            gate.Release();
        }
    }

    public static IEnumerable<(string Key, long Version)> Versions(IndexSearcher searcher, CancellationToken ct)
    {
        var fields = new HashSet<string> { LuceneFields.Key };
        foreach (var leaf in searcher.IndexReader.Leaves)
        {
            var reader = leaf.AtomicReader;
            var versions = reader.GetNumericDocValues(LuceneFields.Version);
            var tombstones = reader.GetNumericDocValues(LuceneFields.Tombstone);
            var live = reader.LiveDocs;
            if (versions is null)
            {
                continue;
            }

            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                ct.ThrowIfCancellationRequested();
                if ((live is not null && !live.Get(doc)) || tombstones?.Get(doc) == 1)
                {
                    continue;
                }

                yield return (reader.Document(doc, fields).Get(LuceneFields.Key), versions.Get(doc));
            }
        }
    }

    // Searches still holding a searcher finish on it. Never throws: a writer that cannot commit any more
    // (its folder gone or unwritable) is rolled back, which always closes it and frees its write.lock,
    // and what it had not committed is still in the outbox.
    public void Dispose() => Close(commit: true);

    // Closes a generation whose writer failed, without trying to commit what it holds.
    public void Abandon() => Close(commit: false);

    public void Discard()
    {
        Close(commit: false);
        DeleteFolder(Folder);
    }

    private void Close(bool commit)
    {
        gate.Wait();
        try
        {
            if (closed)
            {
                return;
            }

            Volatile.Write(ref closed, true);
            try
            {
                searchers.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
            {
                // The readers' files are gone with their folder; nothing to release but memory.
            }

            Close(writer, commit);
            directory.Dispose();
        }
        finally
        {
            gate.Release();
        }
    }

    private static void Close(IndexWriter? writer, bool commit)
    {
        if (writer is null)
        {
            return;
        }

        if (commit)
        {
            try
            {
                writer.Dispose();
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException)
            {
                // Rolled back below.
            }
        }

        try
        {
            writer.Rollback();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException)
        {
            // Rollback closes the writer and releases its lock even when it throws.
        }
    }

    private static void CheckFiles(FSDirectory directory)
    {
        var commit = new SegmentInfos();
        commit.Read(directory);
        foreach (var name in commit.GetFiles(directory, includeSegmentsFile: true))
        {
            using var input = directory.OpenInput(name, IOContext.READ_ONCE);
            try
            {
                CodecUtil.RetrieveChecksum(input);
            }
            catch (Exception e) when (e is ArgumentException || (e is IOException && e is not (CorruptIndexException or FileNotFoundException)))
            {
                // Lucene.NET says "codec footer mismatch" with a plain IOException; the file opened, so it is damaged.
                throw new CorruptIndexException($"The file {name} is truncated or corrupt.", e);
            }
        }
    }

    public static bool DeleteFolder(string folder)
    {
        try
        {
            if (System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }

            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    private IndexSearcher? PrepareLookups(WriteMode mode)
    {
        switch (mode)
        {
            case WriteMode.RebuildAdd:
                return null;
            case WriteMode.RebuildMirror when unrefreshed:
                searchers.MaybeRefreshBlocking();
                unrefreshed = false;
                break;
        }

        return searchers.Acquire();
    }

    private (long Version, bool Deleted)? StoredVersion(VersionLookup? lookup, string key, WriteMode mode)
    {
        if (mode != WriteMode.Live && mirrored.TryGetValue(key, out var mirroredVersion))
        {
            // A rebuild's own batches only ever lose to what live traffic wrote.
            return mirroredVersion;
        }

        return lookup?.Find(key);
    }

    private void Remember(string key, long version, bool deleted, WriteMode mode)
    {
        if (mode == WriteMode.RebuildMirror || (mode == WriteMode.RebuildAdd && mirrored.ContainsKey(key)))
        {
            mirrored[key] = (version, deleted);
        }
    }

    private void Publish(WriteMode mode)
    {
        if (mode == WriteMode.Live)
        {
            // Durable before acknowledged, searchable before returning.
            writer.Commit();
            searchers.MaybeRefreshBlocking();
        }
        else
        {
            unrefreshed = true;
        }
    }

    private sealed class SimilaritySearcherFactory(Similarity similarity) : SearcherFactory
    {
        public override IndexSearcher NewSearcher(IndexReader reader) => new(reader) { Similarity = similarity };
    }

    // Lucene's scheduler rethrows a failed background merge on its own thread, which ends the process;
    // a merge that fails because the folder went away is logged instead, and the writer (which drops
    // the half-written merge) is reopened by the next write that fails.
    private sealed class LoggedMergeScheduler(ILogger logger, string generation) : ConcurrentMergeScheduler
    {
        protected override void HandleMergeException(Exception exc) => MergeFailed(logger, generation, exc);
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Warning, Message = "A background merge of the search index {Generation} failed")]
    private static partial void MergeFailed(ILogger logger, string generation, Exception exception);
}
