using Lucene.Net.Analysis;
using Lucene.Net.Analysis.TokenAttributes;

namespace TechSupport.Search.Lucene;

// Keeps only the tokens that identify something: versions ("19.1.2"), builds and patches
// ("KB5034441"), error codes ("-9173", "0x8007045d", "AAE-9173") and fault numbers. A dotted
// version also yields its shorter forms ("19.1.2" is found by "19.1"), and "v19.1" yields "19.1".
internal sealed class ExactTokenFilter : TokenFilter
{
    private readonly ICharTermAttribute term;
    private readonly IPositionIncrementAttribute positionIncrement;
    private readonly Queue<string> pending = new();
    private State? current;
    private int skippedPositions;

    public ExactTokenFilter(TokenStream input) : base(input)
    {
        term = AddAttribute<ICharTermAttribute>();
        positionIncrement = AddAttribute<IPositionIncrementAttribute>();
    }

    public override bool IncrementToken()
    {
        if (pending.Count > 0 && current is not null)
        {
            RestoreState(current);
            term.SetEmpty().Append(pending.Dequeue());
            positionIncrement.PositionIncrement = 0;
            return true;
        }

        while (m_input.IncrementToken())
        {
            var token = term.ToString();
            if (!Identifies(token))
            {
                skippedPositions += positionIncrement.PositionIncrement;
                continue;
            }

            positionIncrement.PositionIncrement += skippedPositions;
            skippedPositions = 0;
            foreach (var shorter in ShorterForms(token))
            {
                pending.Enqueue(shorter);
            }

            current = pending.Count > 0 ? CaptureState() : null;
            return true;
        }

        return false;
    }

    public override void Reset()
    {
        base.Reset();
        pending.Clear();
        current = null;
        skippedPositions = 0;
    }

    // A token with a digit that is more than a small count: "19.1", "4k", "kb5034441", "1042"
    // identify something; "3" (streams) or "25" (GbE) would only add noise.
    public static bool Identifies(string token)
    {
        var digits = 0;
        var others = false;
        foreach (var c in token)
        {
            if (char.IsDigit(c))
            {
                digits++;
            }
            else
            {
                others = true;
            }
        }

        return digits > 0 && (others || digits >= 3);
    }

    public static bool IsVersion(string token)
    {
        var body = token.StartsWith('v') ? token[1..] : token;
        if (body.Length == 0 || !char.IsDigit(body[0]) || !char.IsDigit(body[^1]) || !body.Contains('.'))
        {
            return false;
        }

        foreach (var c in body)
        {
            if (!char.IsDigit(c) && c != '.')
            {
                return false;
            }
        }

        return !body.Contains("..", StringComparison.Ordinal);
    }

    private static IEnumerable<string> ShorterForms(string token)
    {
        if (!IsVersion(token))
        {
            yield break;
        }

        var body = token.StartsWith('v') ? token[1..] : token;
        if (body.Length != token.Length)
        {
            yield return body;
        }

        // "19.1.2" → "19.1"; never down to the bare major number, which would match too much.
        var end = body.LastIndexOf('.');
        while (end > 0 && body.IndexOf('.', 0, end) > 0)
        {
            yield return body[..end];
            end = body.LastIndexOf('.', end - 1);
        }
    }
}
