namespace TechSupport.Application.Abstractions;

// A command that may carry the version the caller last read (HTTP If-Match).
public interface IVersioned
{
    int? ExpectedVersion { get; }
}
