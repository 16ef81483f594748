using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;
using Bogus;
using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// Fills the {placeholders} of a fault template. Three sorts: built-ins drawn from the fault's suite,
// kit and time; the template's own variables; and {v:Product}, a version of a catalogue product.
// Each placeholder takes one value per fault, so a fault's title, symptoms and fix agree.
internal sealed partial class TemplateText
{
    public const string VersionOf = "v";

    public static FrozenSet<string> BuiltIns { get; } = new[]
    {
        "suite", "equipment", "firmware", "serial", "host", "ip", "time", "timecode", "clip", "tape",
        "percent", "n", "frame",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly Faker _faker;
    private readonly Dictionary<string, IReadOnlyList<string>> _versions;
    private readonly IReadOnlyList<CatalogueItem> _catalogue;
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<FaultTemplate, CatalogueItem[]> _standIns = new(ReferenceEqualityComparer.Instance);
    private Subject? _subject;

    public TemplateText(SeedCatalogue catalogue, Faker faker)
    {
        _faker = faker;
        _catalogue = catalogue.Catalogue;
        _versions = catalogue.Catalogue
            .GroupBy(c => c.Model, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.First().Versions, StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{(?<name>[a-z][a-z0-9]*)(?::(?<argument>[^{}]+))?\}")]
    public static partial Regex Placeholder();

    public void Begin(FaultTemplate template, Suite suite, int suiteIndex, Equipment? equipment, DateTimeOffset at)
    {
        _values.Clear();
        var standIn = equipment is null ? _faker.PickRandom(StandIns(template)) : null;
        _subject = new Subject(template, suite, suiteIndex, equipment, standIn, at);
    }

    public string Fill(string text)
    {
        var subject = _subject ?? throw new InvalidOperationException("Begin a fault before filling its text.");
        return Placeholder().Replace(text, match =>
        {
            var key = match.Value;
            if (!_values.TryGetValue(key, out var value))
            {
                value = Resolve(subject, match.Groups["name"].Value, match.Groups["argument"].Value);
                _values[key] = value;
            }

            return value;
        });
    }

    private string Resolve(Subject subject, string name, string argument)
    {
        if (name == VersionOf)
        {
            return Pick(_versions[argument]);
        }

        if (subject.Template.Variables is { } variables && variables.TryGetValue(name, out var choices))
        {
            return Pick(choices);
        }

        var random = _faker.Random;
        var equipment = subject.Equipment;
        var standIn = subject.StandIn;
        return name switch
        {
            "suite" => subject.Suite.Name,
            "equipment" => equipment?.Name ?? standIn?.Name.Trim() ?? subject.Template.EquipmentKind.ToString(),
            "firmware" => equipment?.Firmware ?? (standIn is null ? "unknown" : Pick(standIn.Versions)),
            "serial" => equipment?.Serial ?? random.Replace("??######"),
            "host" => $"{HostStem(subject.Suite.Name)}-ws{random.Int(1, 3):00}",
            "ip" => $"10.210.{subject.SuiteIndex + 10}.{random.Int(20, 220)}",
            "time" => $"{random.Int(0, 23):00}:{random.Int(0, 59):00}",
            "timecode" => $"{random.Int(1, 4):00}:{random.Int(0, 59):00}:{random.Int(0, 59):00}:{random.Int(0, 23):00}",
            "clip" => $"{random.Char('A', 'D')}{random.Int(1, 140):000}C{random.Int(1, 40):000}_"
                + $"{subject.At.ToString("yyMMdd", CultureInfo.InvariantCulture)}_{random.Replace("?##?").ToUpperInvariant()}",
            "tape" => $"PP{random.Int(100, 2999):0000}L9",
            "percent" => random.Int(61, 99).ToString(CultureInfo.InvariantCulture),
            "n" => random.Int(2, 12).ToString(CultureInfo.InvariantCulture),
            "frame" => random.Int(1001, 1240).ToString(CultureInfo.InvariantCulture),
            _ => throw new InvalidOperationException($"Unknown placeholder {{{name}}}; the catalogue should have refused it."),
        };
    }

    // Bogus's PickRandom binds a read-only list to its params overload, so index directly.
    private string Pick(IReadOnlyList<string> choices) => choices[_faker.Random.Int(0, choices.Count - 1)];

    // Without a named item the text still names a plausible one of the right kind.
    private CatalogueItem[] StandIns(FaultTemplate template)
    {
        if (!_standIns.TryGetValue(template, out var items))
        {
            items = _catalogue.Where(c => template.Fits(c.Kind, c.Make, c.Model)).ToArray();
            if (items.Length == 0)
            {
                items = [new CatalogueItem(template.EquipmentKind, "", template.EquipmentKind.ToString(), ["unknown"])];
            }

            _standIns[template] = items;
        }

        return items;
    }

    private static string HostStem(string suiteName) =>
        new string(suiteName.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();

    private sealed record Subject(
        FaultTemplate Template, Suite Suite, int SuiteIndex, Equipment? Equipment, CatalogueItem? StandIn, DateTimeOffset At);
}
