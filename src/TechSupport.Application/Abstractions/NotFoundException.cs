namespace TechSupport.Application.Abstractions;

// Absent, not visible, or not the caller's to act on: one answer for all three (S3).
public sealed class NotFoundException(string what) : Exception($"No such {what}.");
