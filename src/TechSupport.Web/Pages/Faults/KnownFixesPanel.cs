using TechSupport.Application.Features.Search;
using TechSupport.Domain;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Faults;

// What the Known fixes panel of the log form shows: nothing asked yet, nothing to ask with, or the answer.
public sealed record KnownFixesPanel(bool Asked, bool HadText, SuggestionsView? Suggestions)
{
    // Same equipment model or software version as the operator's suite on at least half the compared components.
    public const double SameKit = 0.5;

    public static readonly KnownFixesPanel NotAsked = new(false, false, null);

    public IReadOnlyList<SuggestionView> Hits => Suggestions?.Hits ?? [];

    // One short sentence for the polite live region, so a screen reader hears the change, not the whole panel.
    public string Summary => this switch
    {
        { Asked: false } => "",
        { HadText: false } => "Type a title or symptoms to look for known fixes.",
        { Suggestions.Degraded: true } => "Known fixes are unavailable while the search engine is down.",
        { Hits.Count: 0 } => "No known fixes match what you typed yet.",
        { Hits.Count: 1 } => "1 known fix for what you typed.",
        _ => $"{Hits.Count} known fixes for what you typed.",
    };

    public static string Href(SuggestionView hit) => hit.Kind == "article" ? $"/articles/{hit.Id}" : $"/faults/{hit.Id}";

    // The conditions come with the suggestion; one without them (indexed before they were) points to where they are.
    public static (string Text, string Css) AcceptabilityOf(SuggestionView hit, SuggestionWorkaroundView workaround) =>
        Enum.TryParse<Acceptability>(workaround.Acceptability, true, out var value)
            ? (value == Acceptability.AcceptableWithConditions && string.IsNullOrWhiteSpace(workaround.Conditions)
                ? $"Acceptable if the conditions on the {(hit.Kind == "article" ? "article" : "fault")} are met"
                : Labels.Of(value, workaround.Conditions), Labels.Css(value))
            : (string.IsNullOrWhiteSpace(workaround.Conditions)
                ? "Acceptability not recorded"
                : $"Acceptability not recorded — conditions: {workaround.Conditions.Trim()}", "accept-if");
}
