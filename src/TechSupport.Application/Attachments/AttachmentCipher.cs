using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TechSupport.Application.Attachments;

// S5: authenticated encryption at rest for Restricted attachments, AES-256-GCM in 64 KiB chunks so a large file
// is never one buffer. Each file has its own random key (wrapped by Data Protection, kept beside the file), so a
// chunk's nonce can simply be its number. Every chunk is bound to the attachment's id, the header and whether it
// is the last one: a chunk moved, swapped in from another file, changed, or a file cut short at any point fails
// to decrypt.
//
// Layout: "TSA1", the chunk size (uint32, big-endian), then per chunk its ciphertext and 16-byte tag.
public static class AttachmentCipher
{
    public const int KeyBytes = 32;

    private const int ChunkSize = 64 * 1024;
    private const int TagBytes = 16;
    private const int NonceBytes = 12;
    private const int HeaderBytes = 8;

    private static ReadOnlySpan<byte> Magic => "TSA1"u8;

    public static byte[] NewKey() => RandomNumberGenerator.GetBytes(KeyBytes);

    public static async Task SealAsync(Stream plaintext, Stream sealedOutput, byte[] key, Guid attachmentId, CancellationToken ct)
    {
        var header = new byte[HeaderBytes];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), ChunkSize);
        await sealedOutput.WriteAsync(header, ct);

        var length = plaintext.Length - plaintext.Position;
        var chunks = Math.Max(1, (length + ChunkSize - 1) / ChunkSize);
        var clear = ArrayPool<byte>.Shared.Rent(ChunkSize);
        var cipher = ArrayPool<byte>.Shared.Rent(ChunkSize + TagBytes);
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            for (long index = 0; index < chunks; index++)
            {
                var size = (int)Math.Min(ChunkSize, length - (index * ChunkSize));
                await plaintext.ReadExactlyAsync(clear.AsMemory(0, size), ct);
                Seal(aes, header, attachmentId, index, index == chunks - 1, clear.AsSpan(0, size), cipher.AsSpan(0, size + TagBytes));
                await sealedOutput.WriteAsync(cipher.AsMemory(0, size + TagBytes), ct);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
            ArrayPool<byte>.Shared.Return(clear);
            ArrayPool<byte>.Shared.Return(cipher);
        }
    }

    // Writes the plaintext to the destination chunk by chunk (or only checks it, when there is none), feeding every
    // byte to the hash. A chunk that fails its tag throws CryptographicException before any of it is written.
    public static async Task OpenAsync(Stream sealedInput, Stream? destination, IncrementalHash hash, byte[] key, Guid attachmentId,
        CancellationToken ct)
    {
        var header = new byte[HeaderBytes];
        var body = sealedInput.Length - HeaderBytes;
        if (body < TagBytes)
        {
            throw new CryptographicException("The sealed file is shorter than one chunk.");
        }

        sealedInput.Position = 0;
        await sealedInput.ReadExactlyAsync(header, ct);
        if (!header.AsSpan(0, 4).SequenceEqual(Magic) || BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)) != ChunkSize)
        {
            throw new CryptographicException("The sealed file's header is not one this version wrote.");
        }

        const int record = ChunkSize + TagBytes;
        var chunks = (body + record - 1) / record;
        var last = body - ((chunks - 1) * record);
        if (last < TagBytes)
        {
            throw new CryptographicException("The sealed file ends inside a tag.");
        }

        var cipher = ArrayPool<byte>.Shared.Rent(record);
        var clear = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            using var aes = new AesGcm(key, TagBytes);
            for (long index = 0; index < chunks; index++)
            {
                var final = index == chunks - 1;
                var size = final ? (int)last : record;
                await sealedInput.ReadExactlyAsync(cipher.AsMemory(0, size), ct);
                Open(aes, header, attachmentId, index, final, cipher.AsSpan(0, size), clear.AsSpan(0, size - TagBytes));
                hash.AppendData(clear, 0, size - TagBytes);
                if (destination is not null)
                {
                    await destination.WriteAsync(clear.AsMemory(0, size - TagBytes), ct);
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(clear);
            ArrayPool<byte>.Shared.Return(clear);
            ArrayPool<byte>.Shared.Return(cipher);
        }
    }

    private static void Seal(AesGcm aes, byte[] header, Guid id, long index, bool final, ReadOnlySpan<byte> clear, Span<byte> output)
    {
        Span<byte> nonce = stackalloc byte[NonceBytes];
        Span<byte> context = stackalloc byte[HeaderBytes + 16];
        Bind(header, id, index, final, nonce, context);
        aes.Encrypt(nonce, clear, output[..clear.Length], output[clear.Length..], context);
    }

    private static void Open(AesGcm aes, byte[] header, Guid id, long index, bool final, ReadOnlySpan<byte> input, Span<byte> clear)
    {
        Span<byte> nonce = stackalloc byte[NonceBytes];
        Span<byte> context = stackalloc byte[HeaderBytes + 16];
        Bind(header, id, index, final, nonce, context);
        aes.Decrypt(nonce, input[..clear.Length], input[clear.Length..], clear, context);
    }

    // The nonce is the chunk's number and a last-chunk flag; the associated data is the header and the attachment's id.
    private static void Bind(byte[] header, Guid id, long index, bool final, Span<byte> nonce, Span<byte> context)
    {
        nonce.Clear();
        BinaryPrimitives.WriteInt64BigEndian(nonce, index);
        nonce[^1] = final ? (byte)1 : (byte)0;
        header.CopyTo(context);
        id.TryWriteBytes(context[HeaderBytes..], bigEndian: true, out _);
    }
}
