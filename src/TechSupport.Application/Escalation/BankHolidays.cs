using System.Text.Json;
using TechSupport.Application.Seeding;

namespace TechSupport.Application.Escalation;

// The England and Wales bank holidays the default policy starts with (seed/calendar/).
public static class BankHolidays
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string DefaultFile => Path.Combine(SeedCatalogue.DefaultFolder, "calendar", "bank-holidays-england-and-wales.json");

    public static IReadOnlyList<DateOnly> Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var file = JsonSerializer.Deserialize<HolidayFile>(stream, Json);
            return file?.Holidays.Select(h => h.Date).ToList() ?? [];
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            throw new SeedDataException($"The bank holiday file {path} could not be read: {ex.Message}", ex);
        }
    }

    private sealed record HolidayFile(List<Holiday> Holidays);

    private sealed record Holiday(DateOnly Date, string Title);
}
