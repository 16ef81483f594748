namespace TechSupport.Application.Seeding;

// Missing or malformed seed data. An InvalidOperationException, so the command line prints the
// message (which names the file) as its one sentence and exits non-zero.
public sealed class SeedDataException(string message, Exception? innerException = null)
    : InvalidOperationException(message, innerException);
