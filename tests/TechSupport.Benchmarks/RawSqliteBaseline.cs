using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TechSupport.Benchmarks;

// The floor under the app: the same row shape written straight to SQLite with the app's pragmas, one
// transaction per row as the app commits one per logged fault.
public sealed class RawSqliteBaseline(FaultsTable table)
{
    private readonly string _suiteId = Guid.CreateVersion7().ToString().ToUpperInvariant();
    private readonly string _userId = Guid.CreateVersion7().ToString().ToUpperInvariant();

    public async Task<Throughput> RunAsync(string databaseFile, int rows, int warmup, TimeSpan limit, CancellationToken ct)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL;", ct);
        await ExecuteAsync(connection, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;", ct);
        await ExecuteAsync(connection, table.CreateSql, ct);
        foreach (var index in table.IndexSql)
        {
            await ExecuteAsync(connection, index, ct);
        }

        await using var insert = connection.CreateCommand();
        insert.CommandText = table.InsertSql;
        var parameters = table.Columns.Select((_, i) => insert.Parameters.Add(FaultsTable.Parameter(i), SqliteType.Text)).ToArray();
        await insert.PrepareAsync(ct);

        for (var row = 1; row <= warmup; row++)
        {
            await InsertAsync(connection, insert, parameters, -row, ct);
        }

        var latencies = new List<double>(rows);
        var clock = Stopwatch.StartNew();
        for (var row = 1; row <= rows && clock.Elapsed < limit; row++)
        {
            var started = Stopwatch.GetTimestamp();
            await InsertAsync(connection, insert, parameters, row, ct);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        clock.Stop();
        return new Throughput(latencies.Count, 0, clock.Elapsed, latencies);
    }

    private async Task InsertAsync(SqliteConnection connection, SqliteCommand insert, SqliteParameter[] parameters, int row,
        CancellationToken ct)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        insert.Transaction = transaction;
        for (var i = 0; i < parameters.Length; i++)
        {
            var column = table.Columns[i];
            parameters[i].SqliteType = column.Affinity switch
            {
                'i' => SqliteType.Integer,
                'r' => SqliteType.Real,
                'b' => SqliteType.Blob,
                _ => SqliteType.Text,
            };
            parameters[i].Value = Value(column, row);
        }

        await insert.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    // Every column gets a value, nullable ones too, so the raw row is never smaller than the app's.
    private object Value(FaultColumn column, int row) => column switch
    {
        { PrimaryKey: true, Affinity: 't' } => Guid.CreateVersion7().ToString().ToUpperInvariant(),
        { Affinity: 'i' } => row,
        { Affinity: 'r' } => row / 2.0,
        { Affinity: 'b' } => Guid.CreateVersion7().ToByteArray(),
        { Unique: true } => string.Create(CultureInfo.InvariantCulture, $"{column.Name}-{row}"),
        { Name: "Title" } => string.Create(CultureInfo.InvariantCulture, $"Benchmark fault {row}: SAN playback stutter"),
        { Name: "Symptoms" } => FaultLoad.Symptoms,
        { Name: "Status" } => "New",
        { Name: "Severity" } => "P3",
        { Name: "Category" } => "Storage",
        { Name: "WorkflowStage" } => "Grade",
        { Name: "Classification" } => "Standard",
        { Name: "Tier" } => "FirstLine",
        { Name: "ReportedById" or "AssigneeId" } => _userId,
        { Name: var name } when name.EndsWith("Id", StringComparison.Ordinal) => _suiteId,
        _ => "12.50",
    };

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }
}
