using CollectIq.Data.Providers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace CollectIq.Data;

/// <summary>
/// Where the data lives. <c>ConnectionStrings:CollectIq</c> (env <c>ConnectionStrings__CollectIq</c>) picks the
/// engine: <c>Data Source=…</c> is SQLite, <c>Host=…</c> is PostgreSQL. Unset: SQLite at
/// <c>{DataDirectory}/collectiq.db</c>. <c>CollectIq:DataDirectory</c> (default <c>./data</c>) also holds the generated API key.
/// </summary>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public const string ConnectionStringName = "CollectIq";
    public const string DataDirectoryKey = "CollectIq:DataDirectory";

    public static DatabaseSettings FromConfiguration(IConfiguration configuration)
    {
        var dataDirectory = Path.GetFullPath(configuration[DataDirectoryKey] is { Length: > 0 } dir ? dir : "data");
        var connectionString = configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
            connectionString = $"Data Source={Path.Combine(dataDirectory, "collectiq.db")}";
        return Parse(connectionString, dataDirectory);
    }

    public static DatabaseSettings Parse(string connectionString, string dataDirectory)
    {
        var keys = connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2)[0].Trim().ToLowerInvariant())
            .ToHashSet();
        if (keys.Contains("host") || keys.Contains("server"))
            return new DatabaseSettings(DatabaseProvider.Postgres, connectionString, dataDirectory);
        if (keys.Contains("data source") || keys.Contains("datasource") || keys.Contains("filename"))
            return new DatabaseSettings(DatabaseProvider.Sqlite, connectionString, dataDirectory);
        throw new InvalidOperationException(
            "ConnectionStrings:CollectIq must start with 'Data Source=…' (SQLite) or 'Host=…' (PostgreSQL).");
    }

    /// <summary>Creates the folder of a SQLite file so a first start on a clean checkout just works.</summary>
    public void EnsureSqliteFolder()
    {
        if (Provider != DatabaseProvider.Sqlite) return;
        var file = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
        if (string.IsNullOrEmpty(file) || file == ":memory:" || file.StartsWith("file:", StringComparison.OrdinalIgnoreCase)) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(file));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }
}
