using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using TechSupport.Application.Abstractions;

namespace TechSupport.Application.Features.Import;

// Reads an import body (a JSON array, NDJSON or CSV) into rows. A record that cannot be read fails
// alone, reported by its number; a body that cannot be read as a whole (a broken JSON array, a CSV
// header naming no field of the record, too big, too many records) is bad input naming `body`, and
// nothing of it is imported.
public static class FaultImportReader
{
    public const int MaxRecords = 50_000;
    public const long MaxBytes = 50L * 1024 * 1024;
    public const string TooManyRecords = "An import holds at most 50,000 records; split the file.";
    public const string TooBig = "An import is at most 50 MB; split the file.";

    // The import record's fields as CSV columns; the nested workaround is flattened (DESIGN: import record).
    private static readonly string[] Columns =
    [
        "externalRef", "title", "symptoms", "equipment", "category", "workflowStage", "severity", "status", "suite",
        "production", "rootCause", "workaroundDescription", "workaroundAcceptability", "resolution", "reportedAt",
        "resolvedAt",
    ];

    // camelCase names, matched whatever their case; fields the record does not have are ignored.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<FaultImportBatch> ReadAsync(Stream body, ImportFormat format, CancellationToken ct)
    {
        var limited = new LimitedStream(body, MaxBytes, "body", TooBig);
        var batch = new Batch();
        switch (format)
        {
            case ImportFormat.Json:
                await ReadArrayAsync(limited, batch, ct);
                break;
            case ImportFormat.Ndjson:
                await ReadLinesAsync(limited, batch, ct);
                break;
            case ImportFormat.Csv:
                await ReadCsvAsync(limited, batch, ct);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown import format.");
        }

        return new FaultImportBatch(batch.Rows, batch.Errors);
    }

    private static async Task ReadArrayAsync(Stream stream, Batch batch, CancellationToken ct)
    {
        var records = 0;
        try
        {
            await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, Json, ct))
            {
                batch.Add(++records, element);
            }
        }
        catch (JsonException)
        {
            // Where a broken array resumes cannot be known, so none of it is trusted.
            throw Invalid.Field("body", records == 0
                ? "The body is not a JSON array of records; nothing was imported."
                : $"The JSON array breaks after record {records:N0}; nothing was imported.");
        }
    }

    private static async Task ReadLinesAsync(Stream stream, Batch batch, CancellationToken ct)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var records = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            records++;
            JsonElement element;
            try
            {
                element = JsonSerializer.Deserialize<JsonElement>(text, Json);
            }
            catch (JsonException)
            {
                batch.Fail(records, "record", "This line is not valid JSON.");
                continue;
            }

            batch.Add(records, element);
        }
    }

    private static async Task ReadCsvAsync(Stream stream, Batch batch, CancellationToken ct)
    {
        var badData = false;
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = _ => badData = true,
            IgnoreBlankLines = true,
        };
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        using var parser = new CsvParser(reader, configuration);
        if (!await parser.ReadAsync() || parser.Record is not { } header)
        {
            return;
        }

        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Length; i++)
        {
            columns.TryAdd(header[i].Trim(), i);
        }

        if (!Columns.Any(columns.ContainsKey))
        {
            throw Invalid.Field("body",
                $"The first line of the CSV names the columns; it names none of: {string.Join(", ", Columns)}.");
        }

        var records = 0;
        while (await parser.ReadAsync())
        {
            ct.ThrowIfCancellationRequested();
            records++;
            var fields = parser.Record ?? [];
            if (badData)
            {
                badData = false;
                batch.Fail(records, "record",
                    "This record has a stray quote; quote the whole field and double any quote inside it.");
                continue;
            }

            string? Field(string name) =>
                columns.TryGetValue(name, out var i) && i < fields.Length && fields[i].Length > 0 ? fields[i] : null;

            var workaround = Field("workaroundDescription") is null && Field("workaroundAcceptability") is null
                ? null
                : new WorkaroundRecord(Field("workaroundDescription"), Field("workaroundAcceptability"));
            batch.Add(records, new FaultImportRecord(
                Field("externalRef"), Field("title"), Field("symptoms"), Field("equipment"), Field("category"),
                Field("workflowStage"), Field("severity"), Field("status"), Field("suite"), Field("production"),
                Field("rootCause"), workaround, Field("resolution"), Field("reportedAt"), Field("resolvedAt")));
        }
    }

    private sealed class Batch
    {
        public List<FaultImportRow> Rows { get; } = [];
        public List<ImportError> Errors { get; } = [];

        public void Add(int line, FaultImportRecord record)
        {
            Count(line);
            Rows.Add(new FaultImportRow(line, record));
        }

        public void Add(int line, JsonElement element)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(line, "record", "Each record is a JSON object.");
                return;
            }

            try
            {
                // An object always gives a record.
                Add(line, element.Deserialize<FaultImportRecord>(Json)!);
            }
            catch (JsonException ex)
            {
                var field = FieldOf(ex.Path);
                Fail(line, field, field == "workaround"
                    ? "Give the workaround as {\"description\": ..., \"acceptability\": ...}."
                    : "Give this value as text.");
            }
        }

        public void Fail(int line, string field, string message)
        {
            Count(line);
            Errors.Add(new ImportError(line, field, message));
        }

        private static void Count(int line)
        {
            if (line > MaxRecords)
            {
                throw Invalid.Field("body", TooManyRecords);
            }
        }

        // "$.workaround.Description" -> "workaround.description", as the record's fields are named.
        private static string FieldOf(string? path)
        {
            var parts = (path ?? "").TrimStart('$').Split('.', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => char.ToLowerInvariant(p[0]) + p[1..]).ToArray();
            return parts.Length == 0 ? "record" : string.Join('.', parts);
        }
    }
}
