using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;

namespace TechSupport.Benchmarks;

public sealed record FaultColumn(string Name, string Type, bool NotNull, bool PrimaryKey, bool Unique)
{
    // SQLite's type-affinity rules, in their order.
    public char Affinity => Type.ToUpperInvariant() switch
    {
        var t when t.Contains("INT", StringComparison.Ordinal) => 'i',
        var t when t.Contains("CHAR", StringComparison.Ordinal) || t.Contains("CLOB", StringComparison.Ordinal)
            || t.Contains("TEXT", StringComparison.Ordinal) => 't',
        var t when t.Length == 0 || t.Contains("BLOB", StringComparison.Ordinal) => 'b',
        _ => 'r',
    };
}

// The app's Faults table as SQLite holds it: its columns and its index definitions, without the foreign
// keys (the raw baseline has no suites or users to point at).
public sealed record FaultsTable(IReadOnlyList<FaultColumn> Columns, IReadOnlyList<string> IndexSql)
{
    public string CreateSql
    {
        get
        {
            var sql = new StringBuilder("CREATE TABLE \"Faults\" (");
            sql.AppendJoin(", ", Columns.Select(c =>
                $"\"{c.Name}\" {c.Type}{(c.NotNull ? " NOT NULL" : "")}{(c.PrimaryKey ? " PRIMARY KEY" : "")}"));
            return sql.Append(");").ToString();
        }
    }

    public string InsertSql =>
        $"INSERT INTO \"Faults\" ({string.Join(", ", Columns.Select(c => $"\"{c.Name}\""))}) " +
        $"VALUES ({string.Join(", ", Columns.Select((_, i) => Parameter(i)))});";

    public static string Parameter(int index) => string.Create(CultureInfo.InvariantCulture, $"$p{index}");

    public static async Task<FaultsTable> ReadAsync(string databaseFile, CancellationToken ct)
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = databaseFile,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);

        var unique = new HashSet<string>(StringComparer.Ordinal);
        foreach (var index in await QueryAsync(connection, "SELECT name FROM pragma_index_list('Faults') WHERE \"unique\" = 1;", ct))
        {
            var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{index.Replace("'", "''", StringComparison.Ordinal)}');", ct);
            // Only a one-column unique index needs distinct values per column; a composite one is
            // satisfied as soon as any of its columns is distinct.
            if (columns.Count == 1)
            {
                unique.Add(columns[0]);
            }
        }

        var faults = new List<FaultColumn>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, type, \"notnull\", pk FROM pragma_table_info('Faults') ORDER BY cid;";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var name = reader.GetString(0);
                faults.Add(new FaultColumn(name, reader.GetString(1), reader.GetBoolean(2), reader.GetInt32(3) > 0,
                    unique.Contains(name)));
            }
        }

        if (faults.Count == 0)
        {
            throw new InvalidOperationException($"{databaseFile} has no Faults table.");
        }

        var indexes = await QueryAsync(connection,
            "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Faults' AND sql IS NOT NULL;", ct);
        return new FaultsTable(faults, indexes);
    }

    // Against a running app there is no database file to read, so the app's own migrations build one.
    public static async Task<FaultsTable> FromMigrationsAsync(string scratchFile, CancellationToken ct)
    {
        var connectionString = $"Data Source={scratchFile};Pooling=False";
        var options = new DbContextOptionsBuilder<TechSupportDbContext>();
        DataServiceCollectionExtensions.Configure(options, DatabaseProvider.Sqlite, connectionString);
        await using (var db = new TechSupportDbContext(options.Options))
        {
            await db.Database.MigrateAsync(ct);
        }

        return await ReadAsync(scratchFile, ct);
    }

    private static async Task<List<string>> QueryAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(ct);
        var values = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
