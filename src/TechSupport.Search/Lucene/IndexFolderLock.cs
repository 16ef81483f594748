using System.Globalization;

namespace TechSupport.Search.Lucene;

// Who uses the index folder: the running app (or a command) holds <root>/write.lock open for as long as
// it uses the folder, and says who it is in <root>/owner. Lucene.NET's own NativeFSLock takes a shared
// lock on Linux (its FileShare.Read becomes flock LOCK_SH), so a second process "obtains" a
// generation's write.lock beside the first and both write to one index. Opened with FileShare.None the
// lock is exclusive (flock LOCK_EX on Unix, a sharing violation on Windows): a second holder is refused
// in this process and in any other, and Lucene's NativeFSLock.IsLocked sees it too. The operating
// system releases it when the process dies, so a crash never leaves the folder locked.
internal sealed class IndexFolderLock : IDisposable
{
    public const string FileName = "write.lock";
    private const string OwnerFileName = "owner";

    private readonly FileStream held;

    private IndexFolderLock(string root, FileStream held)
    {
        Root = root;
        this.held = held;
    }

    public string Root { get; }

    // Whether this lock still guards the folder: one deleted (with the folder) guards nothing, and
    // another process could lock a new file of the same name.
    public bool StillHeld => File.Exists(Path.Combine(Root, FileName));

    // The lock, or who holds it. Throws IOException or UnauthorizedAccessException when the folder
    // cannot hold a lock at all (not a folder, not writable).
    public static IndexFolderLock? TryAcquire(string root, TimeProvider clock, out string? heldBy)
    {
        heldBy = null;
        var path = Path.Combine(root, FileName);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (e is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException) && File.Exists(path))
        {
            heldBy = ReadOwner(root);
            return null;
        }

        try
        {
            var owner = string.Create(CultureInfo.InvariantCulture,
                $"process {Environment.ProcessId} on {Environment.MachineName}, since {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
            File.WriteAllText(Path.Combine(root, OwnerFileName), owner);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Who holds it is a courtesy for the message another process prints; the lock is what counts.
        }

        return new IndexFolderLock(root, stream);
    }

    public void Dispose() => held.Dispose();

    private static string ReadOwner(string root)
    {
        try
        {
            var owner = File.ReadAllText(Path.Combine(root, OwnerFileName)).Trim();
            return owner.Length is > 0 and < 200 ? owner : "another process";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }
}
