using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TechSupport.Web.Auth;

// RFC 6238 time-based one-time passwords as authenticator apps make them: HMAC-SHA1 over the 30-second
// step number, six digits. Identity's own provider reads the system clock and cannot say which step a
// code matched, so it can neither be tested with a fake clock nor refuse a code used before.
public static class Totp
{
    public const int StepSeconds = 30;
    private const int Digits = 6;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static long StepAt(DateTimeOffset time) => time.ToUnixTimeSeconds() / StepSeconds;

    public static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        // SHA-1 is what RFC 6238 and every authenticator app use; HMAC-SHA1 is not broken as a MAC.
#pragma warning disable CA5350
        HMACSHA1.HashData(key, counter, hash);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = BinaryPrimitives.ReadInt32BigEndian(hash.Slice(offset, 4)) & 0x7FFF_FFFF;
        return (binary % 1_000_000).ToString("D6");
    }

    // The six digits as people type them: spaces and hyphens between groups are dropped.
    public static string? Normalise(string? typed)
    {
        var digits = string.Concat((typed ?? "").Where(c => c is not (' ' or '-')));
        return digits.Length == Digits && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    // The base-32 key of Identity's authenticator store (RFC 4648, upper case, no padding).
    public static byte[] KeyBytes(string base32)
    {
        var text = base32.TrimEnd('=').ToUpperInvariant();
        var bytes = new byte[text.Length * 5 / 8];
        int buffer = 0, bits = 0, index = 0;
        foreach (var c in text)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                throw new FormatException("An authenticator key holds only the letters A–Z and the digits 2–7.");
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes[index++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        return bytes;
    }
}
