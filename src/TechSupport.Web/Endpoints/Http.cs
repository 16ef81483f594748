using System.Globalization;
using Microsoft.Net.Http.Headers;
using TechSupport.Application.Abstractions;

namespace TechSupport.Web.Endpoints;

// Small translations from HTTP to requests: query values, If-Match, ETag.
public static class Http
{
    // If-Match: "3" (or W/"3"); anything else cannot match a version, so it fails as stale.
    public static int? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }

        return EntityTagHeaderValue.TryParse(header.Split(',')[0].Trim(), out var tag)
            && int.TryParse(tag.Tag.Value?.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
                ? version
                : -1;
    }

    public static string ETag(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static T[]? Enums<T>(string[]? values, string field) where T : struct, Enum
    {
        var parts = values?.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToArray();
        if (parts is null || parts.Length == 0)
        {
            return null;
        }

        var parsed = new List<T>();
        foreach (var part in parts)
        {
            if (!Enum.TryParse<T>(part, ignoreCase: true, out var value) || !Enum.IsDefined(value) || int.TryParse(part, out _))
            {
                throw Invalid.Field(field, $"'{part}' is not one of: {string.Join(", ", Enum.GetNames<T>())}.");
            }

            parsed.Add(value);
        }

        return [.. parsed.Distinct()];
    }

    public static int? Int(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw Invalid.Field(field, "Give a whole number.");
    }

    public static Guid? Id(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Guid.TryParse(value, out var id) ? id : throw Invalid.Field(field, "Give an id.");
    }
}
