namespace TechSupport.Application.Abstractions;

// Reads at most `limit` bytes of a body whose length may not be known in advance (chunked uploads),
// failing as bad input naming `field` once it would go past the limit. With `malformed`, a body that
// breaks off or is not well formed is bad input naming the field too, not a server error. It never
// closes the body.
public sealed class LimitedStream(Stream inner, long limit, string field, string tooBig, string? malformed = null) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        try
        {
            return Count(inner.Read(buffer));
        }
        catch (Exception ex) when (malformed is not null && ex is IOException or InvalidDataException)
        {
            throw Invalid.Field(field, malformed);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await inner.ReadAsync(buffer, cancellationToken));
        }
        catch (Exception ex) when (malformed is not null && ex is IOException or InvalidDataException)
        {
            throw Invalid.Field(field, malformed);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        return _read > limit ? throw Invalid.Field(field, tooBig) : read;
    }
}
