namespace TechSupport.Search;

/// <summary>
/// The engine cannot answer (down, timed out, refused the request). Callers fall back or retry;
/// the engine's own error text is kept for the log, never shown to users.
/// </summary>
public sealed class SearchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
