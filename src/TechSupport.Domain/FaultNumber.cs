using System.Globalization;

namespace TechSupport.Domain;

// A fault's human reference, "TS-1042", searchable as typed.
public static class FaultNumber
{
    public const string Prefix = "TS-";

    public static string Format(int number) => Prefix + number.ToString(CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out int number)
    {
        number = 0;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            value = value[Prefix.Length..];
        }

        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number > 0;
    }
}
