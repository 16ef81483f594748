using System.Security.Cryptography;
using TechSupport.Application.Attachments;

namespace TechSupport.Tests;

// The pure parts of storing an attachment: the name it is handed back under, and its sealing at rest (S4, S5).
public sealed class AttachmentStorageTests
{
    [Theory]
    [InlineData("screenshot.png", "screenshot.png")]
    [InlineData("C:\\Users\\dit\\Desktop\\scope.png", "scope.png")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("/var/log/resolve.log", "resolve.log")]
    [InlineData("grade\r\n2.log", "grade2.log")]
    [InlineData("a\"b'c<d>e:f*g?h|i.txt", "abcdefghi.txt")]
    [InlineData("invoice\u202Egnp.exe", "invoicegnp.exe")]
    [InlineData("zero\u200Bwidth.txt", "zerowidth.txt")]
    [InlineData("  ..hidden.  ", "hidden")]
    [InlineData("", "attachment")]
    [InlineData(null, "attachment")]
    [InlineData("\"\"", "attachment")]
    [InlineData("Réglage moniteur.txt", "Réglage moniteur.txt")]
    public void An_uploaded_name_loses_its_path_control_characters_and_quotes(string? uploaded, string safe) =>
        Assert.Equal(safe, AttachmentNames.Safe(uploaded));

    [Fact]
    public void A_name_too_long_for_the_record_keeps_its_extension()
    {
        var safe = AttachmentNames.Safe(new string('a', 400) + ".json");

        Assert.Equal(AttachmentNames.MaxLength, safe.Length);
        Assert.EndsWith("a.json", safe, StringComparison.Ordinal);
    }

    [Fact]
    public void A_download_names_the_file_in_ascii_and_in_utf8_for_browsers_that_read_it()
    {
        Assert.Equal("attachment; filename=\"scope.png\"; filename*=UTF-8''scope.png", AttachmentNames.ContentDisposition("scope.png"));
        Assert.Equal("attachment; filename=\"r_glage 100%.txt\"; filename*=UTF-8''r%C3%A9glage%20100%25.txt",
            AttachmentNames.ContentDisposition("réglage 100%.txt"));
        Assert.Equal("attachment; filename=\"evil.html\"; filename*=UTF-8''evil.html",
            AttachmentNames.ContentDisposition("x\"; filename=\"/evil.html"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(65_536)]
    [InlineData(65_537)]
    [InlineData(300_000)]
    public async Task A_sealed_file_opens_to_exactly_what_was_sealed(int length)
    {
        var (plain, key, id, sealedBytes) = await SealAsync(length);

        using var opened = new MemoryStream();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await AttachmentCipher.OpenAsync(new MemoryStream(sealedBytes), opened, hash, key, id, CancellationToken.None);

        Assert.Equal(plain, opened.ToArray());
        Assert.Equal(SHA256.HashData(plain), hash.GetHashAndReset());
    }

    [Fact]
    public async Task A_sealed_file_holds_none_of_its_plaintext()
    {
        var (plain, _, _, sealedBytes) = await SealAsync(200_000);

        Assert.True(sealedBytes.AsSpan().IndexOf(plain.AsSpan(1_000, 32)) < 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(70_000)]
    [InlineData(-1)]
    public async Task Any_changed_byte_makes_a_sealed_file_fail_to_open(int at)
    {
        var (_, key, id, sealedBytes) = await SealAsync(150_000);
        sealedBytes[at < 0 ? sealedBytes.Length + at : at] ^= 0x01;

        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(sealedBytes, key, id));
    }

    [Fact]
    public async Task A_sealed_file_cut_at_a_chunk_boundary_fails_to_open()
    {
        var (_, key, id, sealedBytes) = await SealAsync(200_000);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(sealedBytes[..(8 + (2 * (65_536 + 16)))], key, id));
    }

    [Fact]
    public async Task A_sealed_file_does_not_open_as_another_attachment_or_with_another_key()
    {
        var (_, key, id, sealedBytes) = await SealAsync(10_000);

        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(sealedBytes, key, Guid.NewGuid()));
        await Assert.ThrowsAnyAsync<CryptographicException>(() => OpenAsync(sealedBytes, AttachmentCipher.NewKey(), id));
    }

    private static async Task<(byte[] Plain, byte[] Key, Guid Id, byte[] Sealed)> SealAsync(int length)
    {
        var plain = RandomNumberGenerator.GetBytes(length);
        var key = AttachmentCipher.NewKey();
        var id = Guid.NewGuid();
        using var output = new MemoryStream();
        await AttachmentCipher.SealAsync(new MemoryStream(plain), output, key, id, CancellationToken.None);
        return (plain, key, id, output.ToArray());
    }

    private static async Task OpenAsync(byte[] sealedBytes, byte[] key, Guid id)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await AttachmentCipher.OpenAsync(new MemoryStream(sealedBytes), Stream.Null, hash, key, id, CancellationToken.None);
    }
}
