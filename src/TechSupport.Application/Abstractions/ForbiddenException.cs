namespace TechSupport.Application.Abstractions;

public sealed class ForbiddenException(string message) : Exception(message);
