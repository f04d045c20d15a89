namespace CollectIq.Data.Providers;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
