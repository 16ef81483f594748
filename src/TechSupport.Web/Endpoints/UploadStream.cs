using TechSupport.Application.Abstractions;

namespace TechSupport.Web.Endpoints;

// A request body, or one part of it, read as an upload: at most `limit` bytes, and a body that breaks off or is not
// well-formed multipart answers 400 naming `file` instead of surfacing as a server error. It never closes the body.
internal sealed class UploadStream(Stream inner, long limit, string tooBig) : Stream
{
    public const string Malformed = "The upload is not well-formed multipart/form-data; send each file in a part named file.";

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
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw Invalid.Field("file", Malformed);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return Count(await inner.ReadAsync(buffer, cancellationToken));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw Invalid.Field("file", Malformed);
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
        return _read > limit ? throw Invalid.Field("file", tooBig) : read;
    }
}
