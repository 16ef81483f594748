namespace TechSupport.Application.Abstractions;

// Lists answer {total, items}; pageSize defaults to 25 and is clamped to 100; page counts from 1.
public sealed record Page<T>(int Total, IReadOnlyList<T> Items);

public static class Paging
{
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    public static int Size(int? pageSize) => Math.Clamp(pageSize ?? DefaultPageSize, 1, MaxPageSize);

    public static int Skip(int? page, int? pageSize) => (Math.Max(page ?? 1, 1) - 1) * Size(pageSize);
}
