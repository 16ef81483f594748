namespace TechSupport.Application.Abstractions;

public sealed class PreconditionFailedException()
    : Exception("The record was changed by someone else; reload it and try again.");
