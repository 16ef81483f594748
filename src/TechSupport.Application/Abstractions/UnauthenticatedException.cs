namespace TechSupport.Application.Abstractions;

public sealed class UnauthenticatedException() : Exception("Sign in first.");
