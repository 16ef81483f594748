using FluentValidation;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

// What a workaround changes, as a request names it: by the API's aspect name ("frameRate": "25").
// One reading for the check and the command, so the two never disagree on what a change is.
internal static class WorkaroundChanges
{
    public static void Validate<T>(IReadOnlyDictionary<string, string?>? changes, ValidationContext<T> context)
    {
        foreach (var (aspect, value) in changes ?? new Dictionary<string, string?>())
        {
            if (!ApplyWorkaround.Aspects.Contains(aspect.Trim(), StringComparer.OrdinalIgnoreCase))
            {
                context.AddFailure($"changes.{aspect}",
                    $"'{aspect}' is not something a workaround can change; use {string.Join(", ", ApplyWorkaround.Aspects)}.");
            }
            else if (string.IsNullOrWhiteSpace(value) || value.Length > 100)
            {
                context.AddFailure($"changes.{aspect}", "Say what it changes to, in at most 100 characters (e.g. \"25\" or \"8-bit\").");
            }
        }
    }

    // Call only when Validate found nothing.
    public static IReadOnlyList<WorkaroundChange> Parse(IReadOnlyDictionary<string, string?>? changes) =>
        changes is null ? [] : [.. changes.Select(c => new WorkaroundChange(Enum.Parse<DeliverableAspect>(c.Key.Trim(), true), c.Value!.Trim()))];
}
