namespace TechSupport.Search;

/// <summary>What a search document stands for.</summary>
public enum DocumentKind
{
    /// <summary>A fault ticket.</summary>
    Fault,

    /// <summary>A knowledge article.</summary>
    Article,

    /// <summary>A suite's configuration revision.</summary>
    Configuration
}
