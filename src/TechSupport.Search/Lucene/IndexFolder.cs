using System.Globalization;
using Lucene.Net.Index;
using Lucene.Net.Search.Similarities;
using Microsoft.Extensions.Logging;

namespace TechSupport.Search.Lucene;

internal enum FolderTrouble
{
    // Another process holds the folder: nothing here touches it until that process lets go.
    InUse,

    // The folder cannot be opened or written now (a file in its place, no access, a disk error); it
    // is tried again at the next write, and the live generation comes back as it was.
    Unavailable,

    // The live generation cannot be read (a segment file missing or truncated, a format this Lucene
    // cannot read): it is moved aside, never deleted, and a rebuild from the database replaces it.
    Damaged,
}

internal sealed record FolderProblem(FolderTrouble Kind, string Sentence);

// The index's root folder: the lock that says who uses it, the pointer file naming the live
// generation, and what becomes of the live generation when the disk goes wrong. A writer that failed is
// closed and opened again before the next write (Lucene's writer is often unusable after an I/O error);
// a generation whose folder was deleted is replaced by an empty stand-in until a rebuild; a damaged
// one is moved aside. LuceneSearchIndex calls it under its write lock; reads only take Live.
internal sealed partial class IndexFolder(string root, LuceneAnalysis analysis, Similarity similarity, TimeProvider clock, ILogger logger)
    : IDisposable
{
    public const string GenerationPrefix = "gen-";
    private const string PointerFileName = "live-generation";
    private const string DamagedPrefix = "damaged-";

    private IndexFolderLock? folderLock;
    private volatile IndexGeneration? live;
    private volatile FolderProblem? problem;
    private bool broken;
    private bool everOpened;

    public string Root => root;

    public IndexGeneration? Live => live;

    public FolderProblem? Problem => problem;

    public bool Broken => broken;

    // The live generation, fit to write to; opens it first when there is none or the last write broke
    // it. With repair, a damaged generation (or, before any generation opened here, a file where the
    // folder belongs) is moved aside for an empty stand-in; without it (health, the verify command)
    // nothing is moved, and the damage is only reported.
    public IndexGeneration Ready(bool repair)
    {
        if (live is { } current && !broken && problem is null && folderLock is { StillHeld: true } && Directory.Exists(current.Folder))
        {
            return current;
        }

        if (!TakeFolder(repair))
        {
            throw Unavailable();
        }

        if (live is { } open)
        {
            var damaged = problem is { Kind: FolderTrouble.Damaged };
            if (damaged && !repair)
            {
                // Still read from until the rebuild replaces it.
                return open;
            }

            if (!broken && !damaged && Directory.Exists(open.Folder))
            {
                problem = null;
                return open;
            }

            live = null;
            open.Abandon();
            broken = false;
            if (damaged)
            {
                MoveAside(open.Folder);
            }
        }

        OpenLive(repair);
        return live ?? throw Unavailable();
    }

    // A write to the live generation failed: its writer is reopened before the next one.
    public void WriteFailed(IndexGeneration generation, Exception failure)
    {
        if (!ReferenceEquals(generation, live))
        {
            return;
        }

        broken = true;
        if (IsDamage(failure) && Directory.Exists(generation.Folder))
        {
            Damaged(generation.Name, failure);
        }
        else
        {
            Log.WriteFailed(logger, generation.Name, failure);
        }
    }

    // A read failed; only damage changes anything (a rebuild replaces the generation).
    public void ReadFailed(IndexGeneration generation, Exception failure)
    {
        if (ReferenceEquals(generation, live) && IsDamage(failure) && Directory.Exists(generation.Folder))
        {
            Damaged(generation.Name, failure);
        }
    }

    // The live generation's last commit names a file that is gone.
    public void FileMissing(IndexGeneration generation, string file)
    {
        if (ReferenceEquals(generation, live) && problem is not { Kind: FolderTrouble.Damaged })
        {
            problem = new FolderProblem(FolderTrouble.Damaged,
                $"The search index is damaged (a file of the index is missing: {file}); reindex rebuilds it from the database.");
            Log.Damaged(logger, generation.Name, problem.Sentence, null);
        }
    }

    public IndexGeneration OpenGeneration() =>
        IndexGeneration.Open(Path.Combine(root, GenerationPrefix + Guid.NewGuid().ToString("N")), analysis, similarity, logger);

    // Makes a committed rebuild the live generation; answers the one it replaces and whether it was damaged.
    public (IndexGeneration? Retired, bool Damaged) Swap(IndexGeneration rebuilt)
    {
        WritePointer(rebuilt.Name);
        var retired = live;
        var damaged = problem is { Kind: FolderTrouble.Damaged };
        live = rebuilt;
        problem = null;
        broken = false;
        everOpened = true;
        return (retired, damaged);
    }

    // A damaged generation is kept aside for whoever wants to look at it; any other is deleted.
    public void Retire(IndexGeneration retired, bool damaged)
    {
        if (damaged)
        {
            retired.Abandon();
            MoveAside(retired.Folder);
            return;
        }

        retired.Dispose();
        if (!IndexGeneration.DeleteFolder(retired.Folder))
        {
            Log.OldGenerationKept(logger, retired.Name);
        }
    }

    public void Dispose()
    {
        live?.Dispose();
        live = null;
        folderLock?.Dispose();
        folderLock = null;
    }

    private SearchUnavailableException Unavailable() =>
        new(problem?.Sentence ?? "The search index could not be opened.");

    // Holds the folder's lock, taking it again when the folder was deleted and made anew. False, with
    // the problem said, when the folder cannot be had now.
    private bool TakeFolder(bool repair)
    {
        if (folderLock is { StillHeld: true })
        {
            return true;
        }

        folderLock?.Dispose();
        folderLock = null;
        if (File.Exists(root))
        {
            if (everOpened)
            {
                // Someone put a file where the folder was; the folder may come back, so nothing is moved.
                problem = new FolderProblem(FolderTrouble.Unavailable,
                    "The search index folder has been replaced by a file; writes wait until the folder is back.");
                return false;
            }

            if (!repair)
            {
                problem = new FolderProblem(FolderTrouble.Damaged,
                    "The search index folder is a file, not a folder; reindex rebuilds the index from the database.");
                return false;
            }

            MoveAside(root);
        }

        try
        {
            Directory.CreateDirectory(root);
            folderLock = IndexFolderLock.TryAcquire(root, clock, out var heldBy);
            if (folderLock is null)
            {
                problem = new FolderProblem(FolderTrouble.InUse,
                    $"The search index is in use by a running TechSupport ({heldBy}); stop it first.");
                return false;
            }

            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Unwritable(e);
            return false;
        }
    }

    private void OpenLive(bool repair)
    {
        try
        {
            var pointer = Path.Combine(root, PointerFileName);
            var name = File.Exists(pointer) ? File.ReadAllText(pointer).Trim() : null;
            var folder = name is not null && name.StartsWith(GenerationPrefix, StringComparison.Ordinal) ? Path.Combine(root, name) : null;
            if (folder is not null && File.Exists(folder) && (everOpened || !repair))
            {
                // As for the root folder: after it opened here, wait for the folder to come back.
                problem = everOpened
                    ? new FolderProblem(FolderTrouble.Unavailable, "The search index folder has been replaced by a file; writes wait until the folder is back.")
                    : new FolderProblem(FolderTrouble.Damaged, "The search index folder is a file, not a folder; reindex rebuilds the index from the database.");
                return;
            }

            if (folder is not null && File.Exists(folder))
            {
                MoveAside(folder);
                StartStandIn();
            }
            else if (folder is not null && Directory.Exists(folder))
            {
                try
                {
                    live = IndexGeneration.Open(folder, analysis, similarity, logger, mustExist: true);
                }
                // Opening, Lucene.NET also reports a truncated compound file as an ArgumentException (a slice
                // past the end of the file).
                catch (Exception e) when (IsDamage(e) || e is ArgumentException)
                {
                    Damaged(name!, e); // folder is only set when name is
                    if (!repair)
                    {
                        return;
                    }

                    MoveAside(folder);
                    StartStandIn();
                }
            }
            else
            {
                // A pointer naming a missing folder, or generations without a pointer: the index was lost.
                var lost = everOpened || name is not null || Directory.EnumerateDirectories(root, GenerationPrefix + "*").Any();
                if (lost)
                {
                    Log.LiveGenerationMissing(logger, name ?? "");
                    StartStandIn();
                }
                else
                {
                    var fresh = GenerationPrefix + Guid.NewGuid().ToString("N");
                    live = IndexGeneration.Open(Path.Combine(root, fresh), analysis, similarity, logger);
                    WritePointer(fresh);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            live?.Abandon();
            live = null;
            Unwritable(e);
            return;
        }

        if (!everOpened)
        {
            DeleteOtherGenerations(live!.Name); // every branch that returns normally has opened one
        }

        everOpened = true;
        problem = null;
        broken = false;
    }

    private void StartStandIn()
    {
        var name = GenerationPrefix + Guid.NewGuid().ToString("N");
        live = IndexGeneration.Open(Path.Combine(root, name), analysis, similarity, logger, standIn: true);
        WritePointer(name);
    }

    // Rebuilds that never committed, and old generations a swap could not delete; only before anything
    // of this process's could be among them.
    private void DeleteOtherGenerations(string keep)
    {
        foreach (var folder in Directory.EnumerateDirectories(root, GenerationPrefix + "*"))
        {
            if (Path.GetFileName(folder) != keep)
            {
                IndexGeneration.DeleteFolder(folder);
            }
        }
    }

    private void Damaged(string generation, Exception failure)
    {
        var what = failure switch
        {
            IndexFormatTooOldException or IndexFormatTooNewException => "a Lucene version this one cannot read wrote it",
            FileNotFoundException { FileName: { Length: > 0 } file } => $"a file of the index is missing: {Path.GetFileName(file)}",
            FileNotFoundException => "a file of the index is missing",
            EndOfStreamException => "a file of the index is truncated",
            _ => "a file of the index is corrupt or truncated",
        };
        problem = new FolderProblem(FolderTrouble.Damaged, $"The search index is damaged ({what}); reindex rebuilds it from the database.");
        Log.Damaged(logger, generation, problem.Sentence, failure);
    }

    private void Unwritable(Exception failure)
    {
        problem = new FolderProblem(FolderTrouble.Unavailable, failure is UnauthorizedAccessException
            ? "The search index folder cannot be written: access is denied."
            : "The search index folder cannot be opened or written; the log says why.");
        Log.Unavailable(logger, root, failure);
    }

    // Renamed with the time, beside where it was, for whoever wants to look at it.
    private void MoveAside(string path)
    {
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var parent = Path.GetDirectoryName(path) ?? root;
        var name = Path.GetFileName(path);
        var target = path == root
            ? Path.Combine(parent, $"{name}.{DamagedPrefix}{stamp}")
            : Path.Combine(parent, $"{DamagedPrefix}{stamp}-{name}");
        try
        {
            if (File.Exists(path))
            {
                File.Move(path, target);
            }
            else if (Directory.Exists(path))
            {
                Directory.Move(path, target);
            }
            else
            {
                return;
            }

            Log.MovedAside(logger, path, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Log.NotMovedAside(logger, path, e);
        }
    }

    private void WritePointer(string name)
    {
        // Written aside and moved over the old pointer, so a crash leaves one or the other, never half.
        var pointer = Path.Combine(root, PointerFileName);
        var temporary = pointer + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(name);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, pointer, overwrite: true);
    }

    // What a generation that cannot be read throws: the damage a rebuild mends, as opposed to a folder
    // that is only out of reach for now.
    public static bool IsDamage(Exception failure) =>
        failure is CorruptIndexException or EndOfStreamException or FileNotFoundException;

    private static partial class Log
    {
        [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "The live search index {Generation} named by the pointer file is missing; starting an empty index to be rebuilt")]
        public static partial void LiveGenerationMissing(ILogger logger, string generation);

        [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "The replaced search index {Generation} could not be deleted yet; it is removed at the next start")]
        public static partial void OldGenerationKept(ILogger logger, string generation);

        [LoggerMessage(EventId = 6, Level = LogLevel.Error, Message = "The search index {Generation} is damaged: {Problem}")]
        public static partial void Damaged(ILogger logger, string generation, string problem, Exception? exception);

        [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "Moved the damaged search index {Path} aside to {Target}; it is rebuilt from the database")]
        public static partial void MovedAside(ILogger logger, string path, string target);

        [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "Could not move the damaged search index {Path} aside")]
        public static partial void NotMovedAside(ILogger logger, string path, Exception exception);

        [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "The search index folder {Root} cannot be opened or written")]
        public static partial void Unavailable(ILogger logger, string root, Exception exception);

        [LoggerMessage(EventId = 11, Level = LogLevel.Warning, Message = "A write to the search index {Generation} failed; its writer is opened again before the next write")]
        public static partial void WriteFailed(ILogger logger, string generation, Exception exception);
    }
}
