using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using TechSupport.Application.Data.Configurations;
using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// The demo facility as data: the files under seed/ read, checked against each other and against the
// column sizes of the model, so bad data fails at load with the file named rather than mid-transaction.
public sealed class SeedCatalogue
{
    public const string SuiteTypesFile = "suite-types.json";
    public const string CatalogueFile = "catalogue.json";
    public const string FacilityFile = "facility.json";
    public const string ProductionsFile = "productions.json";
    public const string FaultTemplatesFile = "fault-templates.json";

    // The sizes ConfigurationRevisionConfiguration gives the component columns.
    private const int ComponentNameLength = 200;
    private const int ComponentVersionLength = 100;
    private const int ComponentSettingsLength = 1_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    private SeedCatalogue(string folder, IReadOnlyList<SuiteTypeBaseline> suiteTypes, IReadOnlyList<CatalogueItem> catalogue,
        IReadOnlyList<SuiteSeed> facility, IReadOnlyList<ProductionSeed> productions, IReadOnlyList<FaultTemplate> faultTemplates)
    {
        Folder = folder;
        SuiteTypes = suiteTypes;
        Catalogue = catalogue;
        Facility = facility;
        Productions = productions;
        FaultTemplates = faultTemplates;
    }

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "seed");

    public string Folder { get; }
    public IReadOnlyList<SuiteTypeBaseline> SuiteTypes { get; }
    public IReadOnlyList<CatalogueItem> Catalogue { get; }
    public IReadOnlyList<SuiteSeed> Facility { get; }
    public IReadOnlyList<ProductionSeed> Productions { get; }
    public IReadOnlyList<FaultTemplate> FaultTemplates { get; }

    public SuiteTypeBaseline BaselineFor(SuiteType suiteType) =>
        SuiteTypes.FirstOrDefault(t => t.SuiteType == suiteType)
        ?? throw new SeedDataException($"{Path.Combine(Folder, SuiteTypesFile)} has no entry for {suiteType}.");

    public static async Task<SeedCatalogue> LoadAsync(string folder, CancellationToken ct)
    {
        var catalogue = new SeedCatalogue(
            folder,
            await ReadAsync<SuiteTypeBaseline>(folder, SuiteTypesFile, ct),
            await ReadAsync<CatalogueItem>(folder, CatalogueFile, ct),
            await ReadAsync<SuiteSeed>(folder, FacilityFile, ct),
            await ReadAsync<ProductionSeed>(folder, ProductionsFile, ct),
            await ReadAsync<FaultTemplate>(folder, FaultTemplatesFile, ct));
        catalogue.CheckCatalogue();
        catalogue.CheckSuiteTypes();
        catalogue.CheckFacility();
        catalogue.CheckProductions();
        catalogue.CheckFaultTemplates();
        return catalogue;
    }

    private static async Task<List<T>> ReadAsync<T>(string folder, string file, CancellationToken ct)
    {
        var path = Path.Combine(folder, file);
        try
        {
            await using var stream = File.OpenRead(path);
            var items = await JsonSerializer.DeserializeAsync<List<T>>(stream, Json, ct)
                ?? throw new SeedDataException($"{path}: expected a list, found null.");
            var gap = items.FindIndex(item => item is null);
            return gap < 0 ? items : throw new SeedDataException($"{path}: entry {gap + 1} is null.");
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SeedDataException($"The seed file {path} is missing.", ex);
        }
        catch (JsonException ex)
        {
            throw new SeedDataException($"{path}: {ex.Message}", ex);
        }
    }

    private void CheckCatalogue()
    {
        var file = Path.Combine(Folder, CatalogueFile);
        var seen = new HashSet<(string, string)>();
        foreach (var (item, i) in Catalogue.Select((x, i) => (x, i + 1)))
        {
            var where = $"entry {i} ({item.Make} {item.Model})";
            Text(file, where, "make", item.Make, EquipmentConfiguration.TextLength);
            Text(file, where, "model", item.Model, EquipmentConfiguration.TextLength);
            if (item.Versions.Count == 0 || item.Versions.Any(string.IsNullOrWhiteSpace))
            {
                throw Bad(file, where, "needs at least one version, and no blank ones");
            }

            if (!seen.Add((item.Make, item.Model)))
            {
                throw Bad(file, where, "is listed twice");
            }
        }
    }

    private void CheckSuiteTypes()
    {
        var file = Path.Combine(Folder, SuiteTypesFile);
        foreach (var type in Enum.GetValues<SuiteType>())
        {
            var count = SuiteTypes.Count(t => t.SuiteType == type);
            if (count != 1)
            {
                throw Bad(file, type.ToString(), count == 0 ? "is missing" : "is listed more than once");
            }
        }

        foreach (var type in SuiteTypes)
        {
            var where = type.SuiteType.ToString();
            if (type.HourlyRate < 0)
            {
                throw Bad(file, where, "has a negative hourly rate");
            }

            if (type.Baseline.Count == 0)
            {
                throw Bad(file, where, "has an empty baseline");
            }

            foreach (var (component, i) in type.Baseline.Select((c, i) => (c, i + 1)))
            {
                var part = $"{where}, component {i} ({component.Product})";
                Text(file, part, "product", component.Product, ComponentNameLength);
                Text(file, part, "vendor", component.Vendor, ComponentNameLength);
                Text(file, part, "version", component.Version, ComponentVersionLength);
                if (component.Settings?.Length > ComponentSettingsLength)
                {
                    throw Bad(file, part, $"has settings longer than {ComponentSettingsLength} characters");
                }

                if (!Catalogue.Any(c => c.Kind == component.Kind && c.Model == component.Product && c.Make == component.Vendor))
                {
                    throw Bad(file, part, $"is not in {CatalogueFile} as a {component.Kind} by {component.Vendor}");
                }
            }
        }
    }

    private void CheckFacility()
    {
        var file = Path.Combine(Folder, FacilityFile);
        if (Facility.Count == 0)
        {
            throw Bad(file, "the facility", "has no suites");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (suite, i) in Facility.Select((s, i) => (s, i + 1)))
        {
            var where = $"suite {i} ({suite.Name})";
            Text(file, where, "name", suite.Name, SuiteConfiguration.NameLength);
            if (!names.Add(suite.Name.Trim()))
            {
                throw Bad(file, where, "has the same name as another suite");
            }

            foreach (var (item, j) in suite.Equipment.Select((e, j) => (e, j + 1)))
            {
                var part = $"{where}, equipment {j} ({item.Make} {item.Model})";
                if (!Catalogue.Any(c => c.Kind == item.Kind && c.Make == item.Make && c.Model == item.Model))
                {
                    throw Bad(file, part, $"is not in {CatalogueFile} as a {item.Kind}");
                }

                if (item.Serial?.Length > EquipmentConfiguration.TextLength || item.Firmware?.Length > EquipmentConfiguration.TextLength)
                {
                    throw Bad(file, part, $"has a serial or firmware longer than {EquipmentConfiguration.TextLength} characters");
                }
            }
        }
    }

    private void CheckProductions()
    {
        var file = Path.Combine(Folder, ProductionsFile);
        if (Productions.Count == 0)
        {
            throw Bad(file, "the file", "has no productions");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (production, i) in Productions.Select((p, i) => (p, i + 1)))
        {
            var where = $"production {i} ({production.Name})";
            Text(file, where, "name", production.Name, ProductionConfiguration.NameLength);
            if (!names.Add(production.Name.Trim()))
            {
                throw Bad(file, where, "has the same name as another production");
            }

            if (production.DeliveryInDays is { } days && (!double.IsFinite(days) || Math.Abs(days) > 3_650))
            {
                throw Bad(file, where, "has a delivery offset outside ten years");
            }

            if (production.DeliverableSpec is { } spec
                && new[] { spec.Resolution, spec.FrameRate, spec.Codec, spec.Wrapper, spec.ColourSpace, spec.Transfer, spec.LoudnessTarget }
                    .Any(v => v?.Length > ProductionConfiguration.SpecLength))
            {
                throw Bad(file, where, $"has a deliverable spec field longer than {ProductionConfiguration.SpecLength} characters");
            }
        }
    }

    private void CheckFaultTemplates()
    {
        var file = Path.Combine(Folder, FaultTemplatesFile);
        if (FaultTemplates.Count == 0)
        {
            throw Bad(file, "the file", "has no fault templates");
        }

        var products = Catalogue.Select(c => c.Model).ToHashSet(StringComparer.Ordinal);
        foreach (var (template, i) in FaultTemplates.Select((t, i) => (t, i + 1)))
        {
            var where = $"template {i} ({template.Title})";
            // Filled placeholders lengthen the text, so leave headroom under the column sizes.
            Text(file, where, "title", template.Title, FaultConfiguration.TitleLength - 50);
            Text(file, where, "symptoms", template.Symptoms, FaultConfiguration.SymptomsLength - 500);
            Text(file, where, "rootCause", template.RootCause, 1_500);
            Text(file, where, "fix", template.Fix, 1_500);
            if (template.Workaround is { } workaround)
            {
                Text(file, where, "workaround.description", workaround.Description, 1_000);
            }

            if (template.SuiteTypes.Count == 0)
            {
                throw Bad(file, where, "names no suite types");
            }

            foreach (var (name, choices) in template.Variables ?? new Dictionary<string, IReadOnlyList<string>>())
            {
                if (!TemplateText.Placeholder().IsMatch($"{{{name}}}") || TemplateText.BuiltIns.Contains(name) || name == TemplateText.VersionOf)
                {
                    throw Bad(file, where, $"has a variable '{name}' that is not a plain lower-case name, or clashes with a built-in");
                }

                if (choices.Count == 0 || choices.Any(string.IsNullOrWhiteSpace))
                {
                    throw Bad(file, where, $"has no choices (or a blank one) for variable '{name}'");
                }
            }

            foreach (var text in new[] { template.Title, template.Symptoms, template.RootCause, template.Fix })
            {
                foreach (Match match in TemplateText.Placeholder().Matches(text))
                {
                    var name = match.Groups["name"].Value;
                    var argument = match.Groups["argument"].Value;
                    var known = name == TemplateText.VersionOf
                        ? products.Contains(argument)
                        : argument.Length == 0
                          && (TemplateText.BuiltIns.Contains(name) || template.Variables?.ContainsKey(name) == true);
                    if (!known)
                    {
                        throw Bad(file, where, $"uses {match.Value}, which is neither a built-in, a variable of the template nor a {{v:Product}} of {CatalogueFile}");
                    }
                }
            }

            var fits = Facility.Any(s => template.SuiteTypes.Contains(s.SuiteType)
                && s.Equipment.Any(e => template.Fits(e.Kind, e.Make, e.Model)));
            if (!fits)
            {
                throw Bad(file, where, $"fits no equipment of a {string.Join("/", template.SuiteTypes)} suite in {FacilityFile}");
            }
        }
    }

    private static void Text(string file, string where, string field, string value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw Bad(file, where, $"has a blank {field}");
        }

        if (value.Length > maxLength)
        {
            throw Bad(file, where, $"has a {field} longer than {maxLength} characters");
        }
    }

    private static SeedDataException Bad(string file, string where, string problem) => new($"{file}: {where} {problem}.");
}
