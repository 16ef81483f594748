using TechSupport.Search;

namespace TechSupport.Search.Tests;

/// <summary>The kinds of caller the file-security rules (S2) tell apart.</summary>
public static class Callers
{
    /// <summary>An operator or engineer with no clearances.</summary>
    public static SearchAccess Operator() => new(Guid.NewGuid(), false, []);

    /// <summary>A Manager (or Admin) with no clearances.</summary>
    public static SearchAccess Manager() => new(Guid.NewGuid(), true, []);

    /// <summary>A user cleared for the production.</summary>
    public static SearchAccess ClearedFor(Guid production) => new(Guid.NewGuid(), false, [production]);

    /// <summary>A particular user, with no rank or clearances.</summary>
    public static SearchAccess User(Guid id) => new(id, false, []);
}
