using System.Text;
using TechSupport.Application.Features.Faults;
using TechSupport.Domain;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Faults;

// PC6: a fault's briefing as Markdown, to paste into a vendor's ticket or an e-mail to second line.
// Every piece of text a user typed is escaped, so a title or a symptom can never add a heading, a
// link, a table row or HTML of its own.
public static class BriefingMarkdown
{
    // CommonMark lets any ASCII punctuation be escaped; these are the ones that can make structure
    // anywhere in a line (emphasis, code, links, HTML, entities, tables, strikethrough, headings).
    private const string Special = "\\`*_[]<>#|~&!";

    public static string Render(BriefingView b)
    {
        var md = new StringBuilder();
        void Line(string text = "") => md.Append(text).Append('\n');
        void Fact(string name, string value) => Line($"- **{name}:** {value}");

        Line($"# {b.Number}: {Inline(b.Title)}");
        Line();
        Line($"Briefing prepared {b.PreparedAt}. Times are on the facility's clock ({Inline(b.TimeZone)}).");
        if (b.Classification != Classification.Standard)
        {
            Line();
            Line($"**{b.Classification}:** share this briefing only with people cleared for its production.");
        }

        Line();
        Line("## Summary");
        Line();
        Fact("Severity", Inline(Labels.Of(b.Severity)));
        Fact("Status", Labels.Of(b.Status));
        Fact("Support tier", Labels.Of(b.Tier));
        Fact("Classification", b.Classification.ToString());
        Fact("Category", Inline(Labels.Of(b.Category)));
        Fact("Workflow stage", b.WorkflowStage is { } stage ? Inline(Labels.Of(stage)) : "not given");
        Fact("Reported", $"{b.ReportedAt} by {Inline(b.ReportedBy)}");
        Fact("Assignee", b.Assignee is { } assignee ? Inline(assignee) : "nobody yet");
        foreach (var flag in BriefingText.Flags(b))
        {
            Fact("Flag", flag);
        }

        Line();
        Line("## SLA");
        Line();
        Line(BriefingText.Sla(b));
        Line();
        Line("| Target | Due | State |");
        Line("| --- | --- | --- |");
        foreach (var target in BriefingText.Targets(b))
        {
            Line($"| {Inline(target.Name)} | {target.By?.ToString() ?? "–"} | {(target.Missed ? $"**{target.State}**" : target.State)} |");
        }

        Line();
        Line("## Symptoms");
        Line();
        Line(Block(b.Symptoms));

        Line();
        Line("## Suite and equipment");
        Line();
        Fact("Suite", b.Suite is { } suite
            ? Inline($"{suite.Name} ({Labels.Of(suite.SuiteType)})")
              + (suite.OutOfServiceSince is { } since ? $", out of service since {since}" : "")
            : "not recorded");
        Fact("Equipment", b.Equipment is { } item ? Inline(BriefingText.Equipment(item)) : "not named");
        if (b.EquipmentText is { } recorded)
        {
            Fact("Equipment as recorded", Inline(recorded));
        }

        Line();
        Line("## Configuration when the fault was logged");
        Line();
        if (b.Configuration is { } config)
        {
            Line($"Revision {config.Number}, recorded {config.CreatedAt}: {Inline(config.Reason)}.");
            Line();
            if (config.Components.Count == 0)
            {
                Line("The revision lists no components.");
            }
            else
            {
                Line("| Kind | Product | Vendor | Version | Settings |");
                Line("| --- | --- | --- | --- | --- |");
                foreach (var c in config.Components)
                {
                    Line($"| {Inline(Labels.Of(c.Kind))} | {Inline(c.Product)} | {Inline(c.Vendor)} | {Cell(c.Version)} | {Cell(c.Settings)} |");
                }
            }
        }
        else
        {
            Line("No configuration revision was recorded for the suite when the fault was logged.");
        }

        Line();
        Line("## Production and deliverable");
        Line();
        if (b.Production is { } production)
        {
            Fact("Production", $"{Inline(production.Name)} ({production.Classification})");
            Fact("Delivery deadline", production.DeliveryDeadline?.ToString() ?? "not given");
            var parts = production.DeliverableSpec is { } spec ? BriefingText.SpecParts(spec) : [];
            if (parts.Count == 0)
            {
                Fact("Deliverable spec", "not given");
            }
            else
            {
                Fact("Deliverable spec", "");
                foreach (var (part, value) in parts)
                {
                    Line($"  - {part}: {Inline(value)}");
                }
            }
        }
        else
        {
            Line("Not logged against a production.");
        }

        Line();
        Line("## Impact");
        Line();
        Fact("Session hours lost", b.Impact.SessionHoursLost is { } hours ? Labels.Hours(hours) : "not given");
        Fact("Estimated cost", b.Impact.EstimatedCost is { } cost ? Inline(Labels.Money(cost)) : "not given");
        Fact("Deadline at risk", b.Impact.DeadlineAtRisk ? "yes" : "no");

        Line();
        Line("## Workarounds tried");
        Line();
        if (b.Workarounds.Count == 0)
        {
            Line("None yet.");
        }

        for (var i = 0; i < b.Workarounds.Count; i++)
        {
            var w = b.Workarounds[i];
            Line($"{i + 1}. {Inline(w.Description)}");
            Line($"   - **For deliverables:** {Inline(Labels.Of(w.Acceptability, w.Conditions))}");
            Line($"   - **Applied:** {w.AppliedAt} by {Inline(w.AppliedBy)}");
            if (w.Changes.Count > 0)
            {
                Line($"   - **Changes:** {string.Join("; ", w.Changes.Select(c => $"{BriefingText.Aspect(c.Aspect)} to {Inline(c.Value)}"))}");
            }

            if (w.Conflicts.Count > 0)
            {
                Line($"   - **Conflicts with the deliverable:** {string.Join(" ", w.Conflicts.Select(c => Inline(c.Message)))}");
            }
        }

        Line();
        Line("## Resolution");
        Line();
        if (b.Resolution is { } r)
        {
            Fact("Effectiveness", BriefingText.EffectivenessOf(r.Effectiveness));
            Fact("Resolved", r.ResolvedAt.ToString());
            Fact("Applies to", r.AppliesTo is { } appliesTo ? Inline(appliesTo) : "not stated");
            Line();
            Line("### Fix");
            Line();
            Line(Block(r.Fix));
            Line();
            Line("### Root cause");
            Line();
            Line(r.RootCause is { } cause ? Block(cause) : "Not recorded.");
        }
        else
        {
            Line("Not resolved yet.");
        }

        if (b.RecurringFaults.Count > 0)
        {
            Line();
            Line("## Recurring problem");
            Line();
            Line("Part of a recurring problem with " +
                 string.Join(", ", b.RecurringFaults.Select(f => $"{f.Number} ({Labels.Of(f.Status)})")) + ".");
        }

        Line();
        Line("## Attachments");
        Line();
        if (b.Attachments.Count == 0)
        {
            Line("None.");
        }

        foreach (var attachment in b.Attachments)
        {
            Line($"- {Inline(BriefingText.Attachment(attachment))}");
        }

        Line();
        Line("## Timeline");
        Line();
        foreach (var e in b.Timeline)
        {
            var kind = Labels.Of(e.Kind);
            var text = string.Equals(e.Text.TrimEnd('.'), kind, StringComparison.OrdinalIgnoreCase) ? "" : ": " + Inline(e.Text);
            Line($"- {e.At} · {Inline(e.Actor)} · **{kind}**{text}");
        }

        return md.ToString();
    }

    // Text for one line: line breaks become spaces, so nothing typed can start a block of its own.
    public static string Inline(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }

        var line = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return Escape(line);
    }

    // Text kept as typed, line by line (steps, error messages); blank lines stay paragraph breaks.
    public static string Block(string text)
    {
        var paragraphs = new List<List<string>> { new() };
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                if (paragraphs[^1].Count > 0)
                {
                    paragraphs.Add([]);
                }

                continue;
            }

            paragraphs[^1].Add(Escape(line.Replace('\t', ' ')));
        }

        // A backslash at the end of a line is CommonMark's hard line break.
        return string.Join("\n\n", paragraphs.Where(p => p.Count > 0).Select(p => string.Join("\\\n", p)));
    }

    private static string Cell(string? text) => string.IsNullOrWhiteSpace(text) ? "–" : Inline(text);

    private static string Escape(string line)
    {
        var escaped = new StringBuilder(line.Length + 8);
        foreach (var c in line)
        {
            if (Special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        // What only means something at the start of a line and before a space: a bullet ("- ", "+ "),
        // an ordered list's "1. " or "1) "; and a line of only dashes or equals signs, which would
        // underline the line before it as a heading. "-23 LUFS" and "19.1.2" stay as they are.
        static bool Ends(StringBuilder text, int at) => at >= text.Length || text[at] is ' ';
        if (escaped.Length > 0 && escaped[0] is '-' or '+' or '='
            && (Ends(escaped, 1) || escaped.ToString().All(c => c is '-' or '=' or ' ')))
        {
            escaped.Insert(0, '\\');
        }

        var digits = 0;
        while (digits < escaped.Length && char.IsAsciiDigit(escaped[digits]))
        {
            digits++;
        }

        if (digits > 0 && digits < escaped.Length && escaped[digits] is '.' or ')' && Ends(escaped, digits + 1))
        {
            escaped.Insert(digits, '\\');
        }

        return escaped.ToString();
    }
}
