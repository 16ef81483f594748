namespace TechSupport.Search;

/// <summary>
/// The engine cannot answer (down, timed out, refused the request). Callers fall back or retry;
/// the engine's own error text is kept for the log, never shown to users.
/// </summary>
public sealed class SearchUnavailableException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// The engine answered and refused this request (a document it will not take, say): sending the
    /// same request again will fail again, while other requests may succeed. False when the engine
    /// could not be reached or failed, which a later attempt may not meet.
    /// </summary>
    public bool Refused { get; init; }
}
