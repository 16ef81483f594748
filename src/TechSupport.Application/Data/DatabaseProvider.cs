namespace TechSupport.Application.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer
}
