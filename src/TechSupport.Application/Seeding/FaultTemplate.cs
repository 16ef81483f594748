using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// One entry of seed/fault-templates.json. Texts carry {placeholders}; see TemplateText for the names.
public sealed record FaultTemplate(
    string Title,
    string Symptoms,
    FaultCategory Category,
    WorkflowStage WorkflowStage,
    EquipmentKind EquipmentKind,
    IReadOnlyList<SuiteType> SuiteTypes,
    Severity Severity,
    string RootCause,
    string Fix,
    WorkaroundSeed? Workaround,
    IReadOnlyList<string>? EquipmentMatch = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? Variables = null,
    bool SecurityIncident = false)
{
    // The kit a fault of this kind is logged against: the right kind and, when the template narrows
    // it, a make or model containing one of the given words ("HDX", "DeckLink").
    public bool Fits(EquipmentKind kind, string make, string model) =>
        kind == EquipmentKind
        && (EquipmentMatch is not { Count: > 0 } words
            || words.Any(w => $"{make} {model}".Contains(w, StringComparison.OrdinalIgnoreCase)));
}
