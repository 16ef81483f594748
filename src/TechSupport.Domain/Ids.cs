namespace TechSupport.Domain;

public static class Ids
{
    // Version 7 ids sort by creation time, which keeps clustered indexes append-only.
    public static Guid New(DateTimeOffset now) => Guid.CreateVersion7(now);
}
