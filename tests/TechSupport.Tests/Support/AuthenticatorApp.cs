using System.Buffers.Binary;
using System.Security.Cryptography;

namespace TechSupport.Tests.Support;

// The authenticator app on a user's phone: given the key the set-up page shows, it makes the six-digit code
// of a moment (RFC 6238: HMAC-SHA1 over the 30-second step, dynamic truncation). Written apart from the
// app's own so that a mistake in one is not copied into the other; RfcVectorsTests holds it to the RFC.
public sealed class AuthenticatorApp(string key)
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private readonly byte[] _secret = Decode(key);

    // The key as stored, without the spaces the page groups it with.
    public string Key { get; } = string.Concat(key.Where(c => c != ' '));

    public static long Step(DateTimeOffset at) => at.ToUnixTimeSeconds() / 30;

    public string CodeAt(DateTimeOffset at) => CodeOfStep(Step(at));

    public string CodeOfStep(long step) => Code(_secret, step, 6);

    public static string Code(byte[] secret, long step, int digits)
    {
        var message = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, step);
#pragma warning disable CA5350 // RFC 6238's default, and what every authenticator app uses
        var hash = HMACSHA1.HashData(secret, message);
#pragma warning restore CA5350
        var offset = hash[^1] & 0xF;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % (int)Math.Pow(10, digits)).ToString().PadLeft(digits, '0');
    }

    private static byte[] Decode(string key)
    {
        var bits = string.Concat(key.Where(c => c is not (' ' or '='))
            .Select(c => Convert.ToString(Alphabet.IndexOf(char.ToUpperInvariant(c)), 2).PadLeft(5, '0')));
        return Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
    }
}
