using FluentValidation;
using TechSupport.Domain;
using Severity = TechSupport.Domain.Severity;

namespace TechSupport.Application.Escalation;

// Every part of a policy is required: a policy that leaves out a target would silently stop a
// rule. Field names are the document's JSON paths.
public sealed class PolicyDocumentValidator : AbstractValidator<PolicyDocument>
{
    private const int MaxMinutes = 366 * 24 * 60;

    public PolicyDocumentValidator()
    {
        RuleFor(x => x.TimeZone).NotEmpty().WithMessage("Give the facility's time zone, e.g. Europe/London.")
            .Must(z => TimeZoneInfo.TryFindSystemTimeZoneById(z!.Trim(), out _))
            .When(x => !string.IsNullOrWhiteSpace(x.TimeZone))
            .WithMessage(x => $"'{x.TimeZone}' is not a time zone this server knows; give an IANA id such as Europe/London.");
        RuleFor(x => x.WarningPercent).NotNull().WithMessage("Give the warning percentage (E3), e.g. 75.")
            .InclusiveBetween(1, 99).WithMessage("The warning percentage must be between 1 and 99.");
        RuleFor(x => x.DeadlineRiskHours).NotNull().WithMessage("Give how many hours before a delivery deadline E7 acts, e.g. 48.")
            .InclusiveBetween(0, 24 * 366).WithMessage("Deadline risk hours must be between 0 and 8784.");
        RuleFor(x => x.Recurrence).NotNull().WithMessage("Give the recurrence rule (E6): windowDays and count.");
        RuleFor(x => x.Recurrence!.WindowDays).NotNull().WithMessage("Give the recurrence window in days.")
            .InclusiveBetween(1, 366).WithMessage("The recurrence window must be 1 to 366 days.")
            .When(x => x.Recurrence is not null).OverridePropertyName("recurrence.windowDays");
        RuleFor(x => x.Recurrence!.Count).NotNull().WithMessage("Give how many faults make a recurrence.")
            .InclusiveBetween(2, 1_000).WithMessage("A recurrence needs 2 to 1000 faults.")
            .When(x => x.Recurrence is not null).OverridePropertyName("recurrence.count");
        RuleFor(x => x.Holidays).NotNull().WithMessage("Give the holidays as dates (yyyy-MM-dd); [] for none.");
        RuleForEach(x => x.Holidays).Must(h => PolicyDocument.ParseDate(h) is not null)
            .WithMessage((_, h) => $"'{h}' is not a date; write it as yyyy-MM-dd.")
            .OverridePropertyName("holidays");
        RuleFor(x => x.BusinessHours).NotNull().WithMessage("Give the business hours per weekday, e.g. monday: {start: 08:00, end: 19:00}.")
            .Custom(CheckHours);
        RuleFor(x => x.Targets).NotNull().WithMessage("Give the targets for P1 to P4.").Custom(CheckTargets);
    }

    private static void CheckHours(Dictionary<string, HoursDocument?>? hours, ValidationContext<PolicyDocument> context)
    {
        if (hours is null)
        {
            return;
        }

        var open = 0;
        foreach (var (day, value) in hours)
        {
            var field = $"businessHours.{day}";
            if (!PolicyDocument.IsDay(day))
            {
                context.AddFailure(field, $"'{day}' is not a weekday; use monday to sunday.");
                continue;
            }

            if (value is null)
            {
                continue; // closed that day
            }

            var start = PolicyDocument.ParseTime(value.Start);
            var end = PolicyDocument.ParseTime(value.End);
            if (start is null)
            {
                context.AddFailure($"{field}.start", "Give the opening time as HH:mm.");
            }

            if (end is null)
            {
                context.AddFailure($"{field}.end", "Give the closing time as HH:mm.");
            }

            if (start is { } s && end is { } e)
            {
                if (e <= s)
                {
                    context.AddFailure($"{field}.end", "The closing time must be after the opening time.");
                }
                else
                {
                    open++;
                }
            }
        }

        if (open == 0 && hours.Count == hours.Count(h => !PolicyDocument.IsDay(h.Key) || h.Value is null))
        {
            context.AddFailure("businessHours", "At least one day needs working hours, or business-hours targets never fall due.");
        }
    }

    private static void CheckTargets(Dictionary<string, TargetDocument?>? targets, ValidationContext<PolicyDocument> context)
    {
        if (targets is null)
        {
            return;
        }

        foreach (var key in targets.Keys.Where(k => !Enum.TryParse<Severity>(k, true, out var s) || !Enum.IsDefined(s) || int.TryParse(k, out _)))
        {
            context.AddFailure($"targets.{key}", $"'{key}' is not a severity; use P1 to P4.");
        }

        foreach (var severity in Enum.GetValues<Severity>())
        {
            var field = $"targets.{severity}";
            var entry = targets.FirstOrDefault(t => string.Equals(t.Key, severity.ToString(), StringComparison.OrdinalIgnoreCase));
            if (entry.Value is not { } target)
            {
                context.AddFailure(field, $"Give the {severity} targets: acknowledgeMinutes, restoreMinutes (or null), resolveMinutes, calendar.");
                continue;
            }

            Minutes(context, $"{field}.acknowledgeMinutes", target.AcknowledgeMinutes, required: true);
            Minutes(context, $"{field}.restoreMinutes", target.RestoreMinutes, required: false);
            Minutes(context, $"{field}.resolveMinutes", target.ResolveMinutes, required: true);
            if (target.AcknowledgeMinutes > 0 && target.ResolveMinutes > 0 && target.ResolveMinutes < target.AcknowledgeMinutes)
            {
                context.AddFailure($"{field}.resolveMinutes", "The resolve target cannot come before the acknowledge target.");
            }

            if (target.RestoreMinutes > 0 && target.ResolveMinutes > 0 && target.RestoreMinutes > target.ResolveMinutes)
            {
                context.AddFailure($"{field}.restoreMinutes", "The restore target cannot come after the resolve target.");
            }

            if (target.Calendar?.Trim().ToLowerInvariant() is not (PolicyDocument.AllHours or PolicyDocument.Business))
            {
                context.AddFailure($"{field}.calendar", "Give the calendar as \"24x7\" or \"business\".");
            }
        }
    }

    private static void Minutes(ValidationContext<PolicyDocument> context, string field, int? minutes, bool required)
    {
        if (minutes is null)
        {
            if (required)
            {
                context.AddFailure(field, "Give the target in minutes.");
            }
        }
        else if (minutes <= 0 || minutes > MaxMinutes)
        {
            context.AddFailure(field, $"A target must be between 1 and {MaxMinutes} minutes.");
        }
    }
}
