using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Escalation;
using TechSupport.Domain;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Admin;

// The whole escalation policy (E1–E9 settings) on one form, posted as SetEscalationPolicy.
public sealed class EscalationPolicyModel(ISender sender, HttpCurrentUser me) : MediatedPageModel(sender)
{
    public const string Saved = "Policy saved; open faults have new targets";

    // ViewData key by which the target partials learn the length of a business day.
    public const string BusinessDayKey = "BusinessDayMinutes";

    [BindProperty]
    public PolicyForm Policy { get; set; } = new();

    public IReadOnlyList<string> TimeZones { get; private set; } = [];

    // The mediator answers 403 for anyone not Admin.
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Policy = PolicyForm.From(await Sender.Send(new EscalationPolicyDetails(), ct));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // A form that fails to bind is shown again without reaching the mediator, which would have refused a non-admin.
        if (me.Role < Role.Admin)
        {
            return Forbid();
        }

        FormPrefix = nameof(Policy);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        await Sender.Send(new SetEscalationPolicy(Policy.ToDocument()), ct);
        return Done(Saved);
    }

    protected override Task LoadAsync(CancellationToken ct)
    {
        GatherHolidayErrors();
        TimeZones = [.. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/', StringComparison.Ordinal) || id == "UTC").Order(StringComparer.Ordinal)];
        return Task.CompletedTask;
    }

    // The validator names a bad holiday by its place in the list (holidays[3]); the form has one box for them all,
    // and each message quotes the line it is about.
    private void GatherHolidayErrors()
    {
        var prefix = $"{nameof(Policy)}.holidays[";
        var stray = ModelState.Where(e => e.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && e.Value is { Errors.Count: > 0 })
            .Select(e => (e.Key, Messages: e.Value!.Errors.Select(x => x.ErrorMessage).ToList())) // filtered non-null above
            .ToList();
        foreach (var (key, messages) in stray)
        {
            ModelState.Remove(key);
            foreach (var message in messages)
            {
                ModelState.AddModelError($"{nameof(Policy)}.{nameof(PolicyForm.Holidays)}", message);
            }
        }
    }

    // "240 min = 4 h"; beside a business-hours target, in business days too when every open day is as long.
    public static string Minutes(int? minutes, string? calendar, int? businessDayMinutes)
    {
        if (minutes is not > 0)
        {
            return "";
        }

        var text = $"{minutes} min";
        if (minutes >= 60)
        {
            text += $" = {Labels.Span(TimeSpan.FromMinutes(minutes.Value))}";
        }

        var business = string.Equals(calendar?.Trim(), Application.Escalation.PolicyDocument.Business, StringComparison.OrdinalIgnoreCase);
        if (business && businessDayMinutes is { } day && minutes >= day)
        {
            var days = minutes.Value / day;
            var rest = minutes.Value % day;
            text = $"{minutes} min = {days} business {(days == 1 ? "day" : "days")}"
                + (rest == 0 ? "" : $" {Labels.Span(TimeSpan.FromMinutes(rest))}")
                + $" of {Labels.Span(TimeSpan.FromMinutes(day))}";
        }
        else if (business && minutes >= 60)
        {
            text = $"{minutes} min = {Labels.Span(TimeSpan.FromMinutes(minutes.Value))} of business time";
        }

        return text;
    }

    // The error summary: each message led by the words of its field, linking to its input.
    public IEnumerable<(string Text, string? Id)> Problems() =>
        from entry in ModelState
        where entry.Value is { Errors.Count: > 0 }
        let field = Field(entry.Key)
        from error in entry.Value!.Errors // filtered non-null above
        select (field.Label.Length > 0 ? $"{field.Label}: {error.ErrorMessage}" : error.ErrorMessage, field.Id);

    private static (string Label, string? Id) Field(string key)
    {
        if (key.Length == 0)
        {
            return ("", null);
        }

        var parts = key.Split('.');
        var path = parts is [nameof(Policy), .. var rest] ? rest : parts;
        var id = string.Join('_', new[] { nameof(Policy) }.Concat(path.Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p[1..])));
        var label = path switch
        {
            ["timeZone" or "TimeZone"] => "Time zone",
            ["holidays" or "Holidays"] => "Holidays",
            ["warningPercent" or "WarningPercent"] => "Warning at",
            ["deadlineRiskHours" or "DeadlineRiskHours"] => "Deadline risk",
            [_, var part] when path[0].Equals("recurrence", StringComparison.OrdinalIgnoreCase) =>
                part.Equals("count", StringComparison.OrdinalIgnoreCase) ? "Recurrence count" : "Recurrence window",
            [_, var day, var end] when path[0].Equals("businessHours", StringComparison.OrdinalIgnoreCase) =>
                $"{Title(day)} {(end.Equals("start", StringComparison.OrdinalIgnoreCase) ? "opens" : "closes")}",
            [var first, ..] when first.Equals("businessHours", StringComparison.OrdinalIgnoreCase) => "Business hours",
            [_, var severity, var what] when path[0].Equals("targets", StringComparison.OrdinalIgnoreCase) =>
                $"{severity.ToUpperInvariant()} {what.Replace("Minutes", "", StringComparison.OrdinalIgnoreCase).ToLowerInvariant()}",
            _ => "",
        };
        return (label, id);
    }

    private static string Title(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant();
}
