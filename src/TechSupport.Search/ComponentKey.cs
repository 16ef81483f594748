namespace TechSupport.Search;

/// <summary>
/// One component of a configuration, normalised for matching: the product (make and model, or the
/// software's name) and its version. Two suites share a component when the products match, and
/// match closer when the versions match too.
/// </summary>
/// <param name="Product">Make and model or software name, e.g. "DaVinci Resolve Studio".</param>
/// <param name="Version">The version or firmware, e.g. "19.1.2"; empty when unknown.</param>
public sealed record ComponentKey(string Product, string Version)
{
    /// <summary>The product, lower-cased and with runs of white space collapsed.</summary>
    public string ProductToken => Normalise(Product);

    /// <summary>The product and version together, normalised.</summary>
    public string VersionToken => $"{ProductToken}@{Normalise(Version)}";

    private static string Normalise(string text) =>
        string.Join(' ', text.Trim().ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
