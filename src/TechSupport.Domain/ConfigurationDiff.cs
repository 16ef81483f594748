namespace TechSupport.Domain;

// What one field of a component was and became.
public sealed record FieldChange(string Field, string? Before, string? After);

// A component present on both sides whose fields differ.
public sealed record ComponentChange(ConfigurationComponent Before, ConfigurationComponent After, IReadOnlyList<FieldChange> Fields);

// Two configurations side by side (two revisions of a suite, or a suite against its baseline): what was
// added, removed and changed, field by field. A component is the same component on both sides when its
// kind, vendor and product agree (case and spaces as typed aside). Identical components are paired
// first, then the rest in order, so upgrading one of two identical monitors reads as one change, not a
// removal and an addition.
public sealed record ConfigurationDiff(
    IReadOnlyList<ConfigurationComponent> Added,
    IReadOnlyList<ConfigurationComponent> Removed,
    IReadOnlyList<ComponentChange> Changed)
{
    public bool Same => Added.Count == 0 && Removed.Count == 0 && Changed.Count == 0;

    public static ConfigurationDiff Between(IEnumerable<ConfigurationComponent> before, IEnumerable<ConfigurationComponent> after)
    {
        var unmatched = before.ToList();
        var added = new List<ConfigurationComponent>();
        var changed = new List<ComponentChange>();
        var pending = new List<ConfigurationComponent>();
        // Exact matches first, so an unchanged unit is never paired with its changed twin.
        foreach (var component in after)
        {
            var same = unmatched.FindIndex(c => Comparer.Equals(c, component));
            if (same >= 0)
            {
                unmatched.RemoveAt(same);
            }
            else
            {
                pending.Add(component);
            }
        }

        foreach (var component in pending)
        {
            var twin = unmatched.FindIndex(c => SameComponent(c, component));
            if (twin < 0)
            {
                added.Add(component);
                continue;
            }

            var was = unmatched[twin];
            unmatched.RemoveAt(twin);
            changed.Add(new ComponentChange(was, component, FieldsOf(was, component)));
        }

        return new ConfigurationDiff(added, unmatched, changed);
    }

    private static readonly ComponentComparer Comparer = new();

    private static bool SameComponent(ConfigurationComponent a, ConfigurationComponent b) =>
        a.Kind == b.Kind && Equal(a.Vendor, b.Vendor) && Equal(a.Product, b.Product);

    private static List<FieldChange> FieldsOf(ConfigurationComponent before, ConfigurationComponent after)
    {
        var fields = new List<FieldChange>(3);
        if (!Equal(before.Version, after.Version))
        {
            fields.Add(new FieldChange("version", Blank(before.Version), Blank(after.Version)));
        }

        if (!Equal(before.Settings, after.Settings))
        {
            fields.Add(new FieldChange("settings", Blank(before.Settings), Blank(after.Settings)));
        }

        // A unit swapped for another of the same model. A side that names no serial (a standard build, kit
        // recorded before serials were) is no evidence of a swap.
        if (Blank(before.Serial) is not null && Blank(after.Serial) is not null && !Equal(before.Serial, after.Serial))
        {
            fields.Add(new FieldChange("serial", Blank(before.Serial), Blank(after.Serial)));
        }

        return fields;
    }

    // Names are compared as people type them: case and surrounding spaces do not make a new component.
    private static bool Equal(string? a, string? b) =>
        string.Equals(Blank(a), Blank(b), StringComparison.OrdinalIgnoreCase);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed class ComponentComparer : IEqualityComparer<ConfigurationComponent>
    {
        public bool Equals(ConfigurationComponent? a, ConfigurationComponent? b) =>
            a is not null && b is not null && SameComponent(a, b) && Equal(a.Version, b.Version) && Equal(a.Settings, b.Settings)
            && (Blank(a.Serial) is null || Blank(b.Serial) is null || Equal(a.Serial, b.Serial));

        public int GetHashCode(ConfigurationComponent c) =>
            HashCode.Combine(c.Kind, Blank(c.Vendor)?.ToUpperInvariant(), Blank(c.Product)?.ToUpperInvariant());
    }
}
