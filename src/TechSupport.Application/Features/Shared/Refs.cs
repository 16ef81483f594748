namespace TechSupport.Application.Features.Shared;

// A record named by another: {id, name}.
public sealed record NamedRef(Guid Id, string Name);
