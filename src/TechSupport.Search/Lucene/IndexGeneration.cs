using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;

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
internal sealed class IndexGeneration : IDisposable
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

    private readonly LuceneAnalysis analysis;

    private IndexGeneration(string folder, FSDirectory directory, IndexWriter writer, SearcherManager searchers, int format,
        LuceneAnalysis analysis)
    {
        this.analysis = analysis;
        Format = format;
        Folder = folder;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
    }

    public string Folder { get; }

    public string Name => Path.GetFileName(Folder);

    public int Format { get; }

    public bool IsOpen => !Volatile.Read(ref closed);

    public static IndexGeneration Open(string folder, LuceneAnalysis analysis, Similarity similarity)
    {
        System.IO.Directory.CreateDirectory(folder);
        var directory = FSDirectory.Open(folder);
        IndexWriter? writer = null;
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
            };
            var existing = DirectoryReader.IndexExists(directory);
            writer = new IndexWriter(directory, config);
            int format;
            if (existing)
            {
                format = writer.CommitData.TryGetValue(FormatKey, out var stored) && int.TryParse(stored, out var number) ? number : 1;
            }
            else
            {
                format = CurrentFormat;
                writer.SetCommitData(new Dictionary<string, string> { [FormatKey] = format.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            }

            // A new folder gets an empty first commit, so a restart finds an index even if nothing was written.
            writer.Commit();
            var searchers = new SearcherManager(writer, applyAllDeletes: true, new SimilaritySearcherFactory(similarity));
            return new IndexGeneration(folder, directory, writer, searchers, format, analysis);
        }
        catch
        {
            writer?.Dispose();
            directory.Dispose();
            throw;
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

    // Searches still holding a searcher finish on it.
    public void Dispose()
    {
        gate.Wait();
        try
        {
            if (closed)
            {
                return;
            }

            Volatile.Write(ref closed, true);
            searchers.Dispose();
            writer.Dispose();
            directory.Dispose();
        }
        finally
        {
            gate.Release();
        }
    }

    public void Discard()
    {
        gate.Wait();
        try
        {
            if (!closed)
            {
                Volatile.Write(ref closed, true);
                searchers.Dispose();
                writer.Rollback();
                directory.Dispose();
            }
        }
        finally
        {
            gate.Release();
        }

        DeleteFolder(Folder);
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
}
