using TechSupport.Search;

namespace TechSupport.Search.Tests;

public static class Callers
{
    public static SearchAccess Operator() => new(Guid.NewGuid(), false, []);

    public static SearchAccess Manager() => new(Guid.NewGuid(), true, []);

    public static SearchAccess ClearedFor(Guid production) => new(Guid.NewGuid(), false, [production]);

    public static SearchAccess User(Guid id) => new(id, false, []);
}
