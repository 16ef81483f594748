using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Logging;
using TechSupport.Application.Abstractions;
using TechSupport.Domain;

namespace TechSupport.Application.Attachments;

// The bytes of attachments, in one folder outside the web root (S4): each under its attachment's id, with no
// extension and nothing of the name the uploader gave. A Restricted attachment is sealed (AttachmentCipher) and
// its key, wrapped by Data Protection, lies beside it as <id>.key (S5). An upload is written to a temporary file
// in the same folder first and only renamed into place once every check has passed, so a refused one leaves
// nothing behind.
public sealed partial class AttachmentStore
{
    // Data Protection purpose for the per-file keys; the attachment's id is a sub-purpose, so a key file copied
    // beside another attachment does not open it.
    private const string KeyPurpose = "TechSupport.Attachments.FileKey.v1";

    private const string UploadSuffix = ".upload";
    private const string SealingSuffix = ".sealing";
    private const string KeySuffix = ".key";

    public const string Damaged =
        "This attachment's stored file is damaged or has been tampered with, so it cannot be downloaded; the failure is logged for the administrators.";

    private readonly IDataProtectionProvider _protection;
    private readonly TimeProvider _clock;
    private readonly ILogger<AttachmentStore> _logger;

    public AttachmentStore(AttachmentSettings settings, IDataProtectionProvider protection, TimeProvider clock,
        ILogger<AttachmentStore> logger)
    {
        Settings = settings;
        _protection = protection;
        _clock = clock;
        _logger = logger;
        Directory.CreateDirectory(settings.Folder);
    }

    public AttachmentSettings Settings { get; }

    public PendingUpload BeginUpload(Classification classification) => new(this, classification);

    // Copies one uploaded file to a temporary file, at most MaxBytes of it, hashing as it goes; then judges its
    // content (S4) and, for a Restricted fault, seals it (S5). Anything refused is deleted before the error is thrown.
    internal async Task<StagedAttachment> StageAsync(Stream body, string? fileName, Classification classification, CancellationToken ct)
    {
        var id = Ids.New(_clock.GetUtcNow());
        var upload = Path.Combine(Settings.Folder, Guid.NewGuid().ToString("N") + UploadSuffix);
        var sealedPath = Path.Combine(Settings.Folder, id.ToString("N") + SealingSuffix);
        var keyPath = Path.Combine(Settings.Folder, id.ToString("N") + KeySuffix + SealingSuffix);
        try
        {
            await using var file = new FileStream(upload, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81_920,
                FileOptions.Asynchronous);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81_920];
            long size = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, ct)) > 0)
            {
                size += read;
                if (size > Settings.MaxBytes)
                {
                    throw Invalid.Field("file", Settings.TooBig);
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            await file.FlushAsync(ct);
            var verdict = ContentDetector.Admit(await ContentDetector.DetectAsync(file, ct), classification);
            if (verdict.Refusal is { } refusal)
            {
                throw Invalid.Field("file", refusal);
            }

            var sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
            var encrypted = classification == Classification.Restricted;
            if (encrypted)
            {
                var key = AttachmentCipher.NewKey();
                try
                {
                    file.Position = 0;
                    await using (var output = new FileStream(sealedPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81_920,
                        FileOptions.Asynchronous))
                    {
                        await AttachmentCipher.SealAsync(file, output, key, id, ct);
                        await output.FlushAsync(ct);
                    }

                    await File.WriteAllBytesAsync(keyPath, Protector(id).Protect(key), ct);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(key);
                }
            }

            return new StagedAttachment(id, AttachmentNames.Safe(fileName), verdict.Kind!.Value, verdict.ContentType, size, sha256, // accepted verdicts carry a kind
                encrypted, encrypted ? sealedPath : upload, encrypted ? keyPath : null, upload);
        }
        catch
        {
            Delete(upload, sealedPath, keyPath);
            throw;
        }
        finally
        {
            // The plaintext of a sealed file never stays on disk.
            if (File.Exists(sealedPath))
            {
                Delete(upload);
            }
        }
    }

    // Into place under the attachment's id: a rename within the folder, so a reader never sees half a file.
    internal void Place(StagedAttachment staged)
    {
        if (staged.KeyPath is { } key)
        {
            File.Move(key, FinalPath(staged.Id) + KeySuffix);
        }

        File.Move(staged.Path, FinalPath(staged.Id));
    }

    internal void Discard(StagedAttachment staged, bool placed)
    {
        Delete(staged.Path, staged.UploadPath, staged.KeyPath ?? "");
        if (placed)
        {
            Delete(FinalPath(staged.Id), FinalPath(staged.Id) + KeySuffix);
        }
    }

    // S5: the bytes and, for a sealed file, its key; without the key nothing left anywhere could open it.
    public void Purge(Guid id) => Delete(FinalPath(id) + KeySuffix, FinalPath(id));

    // Reads the whole file once and compares it with what was recorded: a sealed file must open chunk by chunk and
    // both must hash to the SHA-256 taken at upload. Refused as a rule of the record, never a 500.
    public async Task VerifyAsync(StoredFile file, CancellationToken ct)
    {
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await ReadAsync(file, null, hash, ct);
            if (!string.Equals(Convert.ToHexStringLower(hash.GetHashAndReset()), file.Sha256, StringComparison.Ordinal))
            {
                throw new CryptographicException("The file's SHA-256 is not the one recorded at upload.");
            }
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            IntegrityFailed(_logger, file.Id, file.FaultId, ex.GetType().Name);
            throw new DomainRuleException(Damaged);
        }
    }

    // The plaintext, written to the destination as it is read; a sealed chunk that fails now (the file changed since
    // it was verified) throws before that chunk is written.
    public async Task CopyToAsync(StoredFile file, Stream destination, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await ReadAsync(file, destination, hash, ct);
    }

    // Files a crashed upload left behind (a plaintext copy of a Restricted file among them) go at the next start.
    public int SweepAbandoned(TimeSpan olderThan)
    {
        var swept = 0;
        var before = _clock.GetUtcNow().UtcDateTime - olderThan;
        foreach (var path in Directory.EnumerateFiles(Settings.Folder))
        {
            if ((path.EndsWith(UploadSuffix, StringComparison.Ordinal) || path.EndsWith(SealingSuffix, StringComparison.Ordinal))
                && File.GetLastWriteTimeUtc(path) < before)
            {
                Delete(path);
                swept++;
            }
        }

        return swept;
    }

    private async Task ReadAsync(StoredFile file, Stream? destination, IncrementalHash hash, CancellationToken ct)
    {
        var path = FinalPath(file.Id);
        await using var stored = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, FileOptions.Asynchronous);
        if (!file.Encrypted)
        {
            var buffer = new byte[81_920];
            int read;
            while ((read = await stored.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                if (destination is not null)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }

            return;
        }

        var key = Protector(file.Id).Unprotect(await File.ReadAllBytesAsync(path + KeySuffix, ct));
        try
        {
            await AttachmentCipher.OpenAsync(stored, destination, hash, key, file.Id, ct);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    private IDataProtector Protector(Guid id) => _protection.CreateProtector(KeyPurpose, id.ToString("N"));

    private string FinalPath(Guid id) => Path.Combine(Settings.Folder, id.ToString("N"));

    private void Delete(params string[] paths)
    {
        foreach (var path in paths.Where(p => p.Length > 0))
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                DeleteFailed(_logger, Path.GetFileName(path), ex);
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "Attachment {AttachmentId} of fault {FaultId} failed its integrity check ({Failure}); it was not served")]
    private static partial void IntegrityFailed(ILogger logger, Guid attachmentId, Guid faultId, string failure);

    [LoggerMessage(LogLevel.Warning, "Could not delete attachment file {StoredName}")]
    private static partial void DeleteFailed(ILogger logger, string storedName, Exception exception);
}

// One file of an upload, checked and ready to be put in place: Path holds the bytes as they will be stored.
public sealed record StagedAttachment(Guid Id, string FileName, AttachmentKind Kind, string ContentType, long Size, string Sha256,
    bool Encrypted, string Path, string? KeyPath, string UploadPath);

// What the store needs to find and check an attachment's bytes.
public sealed record StoredFile(Guid Id, Guid FaultId, bool Encrypted, string Sha256);

// The files of one upload. Disposing it deletes whatever was not kept: temporary files always, and the placed
// files too when the command that records them did not commit.
public sealed class PendingUpload(AttachmentStore store, Classification classification) : IDisposable
{
    private readonly List<StagedAttachment> _files = [];
    private bool _kept;

    public IReadOnlyList<StagedAttachment> Files => _files;

    public Classification Classification => classification;

    public async Task AddAsync(Stream body, string? fileName, CancellationToken ct)
    {
        if (_files.Count >= AttachmentSettings.MaxFilesPerUpload)
        {
            throw Invalid.Field("file", $"Attach at most {AttachmentSettings.MaxFilesPerUpload} files at a time.");
        }

        _files.Add(await store.StageAsync(body, fileName, classification, ct));
    }

    public void Keep() => _kept = true;

    public void Dispose()
    {
        foreach (var file in _files)
        {
            store.Discard(file, placed: !_kept);
        }
    }
}
