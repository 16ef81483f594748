namespace TechSupport.Search;

/// <summary>How documents are keyed across kinds.</summary>
public static class SearchKeys
{
    /// <summary>The key of a document: kind and id, e.g. "fault-0193...".</summary>
    public static string For(DocumentKind kind, Guid id) => $"{kind.ToString().ToLowerInvariant()}-{id:D}";
}
