namespace TechSupport.Search.Lucene;

// The field names of the index, in one place so writer, queries and readers agree.
internal static class LuceneFields
{
    public const string Key = "key";
    public const string Kind = "kind";
    public const string Id = "id";
    public const string Version = "version";
    public const string CreatedAt = "created";
    public const string Live = "live";
    public const string Tombstone = "tombstone";

    // Analysed text. Title and symptoms are stored in their own field; the fix, workaround and root
    // cause are searched as one "resolution" field and equipment, components, suite, category,
    // stage and status as one "kit" field, as every field a word is looked up in costs time.
    public const string Title = "title";
    public const string Text = "text";
    public const string Resolution = "resolution";
    public const string Comments = "comments";
    public const string Kit = "kit";

    // Every searched text of a document in one field, so a search finds and counts its matches with
    // one term lookup per word and weighs the fields above only for the few it ranks. The suite's
    // components are left out: they describe where a fault happened, not what it was about.
    public const string All = "all";

    // The synonym list's phrases a document holds, each as one term ("drop frame"), so the first
    // pass of a search finds "dropped frames" without a phrase query.
    public const string Phrases = "phrases";

    // Stored for hits and snippets.
    public const string Fix = "fix";
    public const string RootCause = "rootcause";
    public const string Workaround = "workaround";
    public const string StoredComments = "s_comments";

    // Version numbers and error codes, kept whole.
    public const string Exact = "exact";

    // The fault number as typed ("ts-1042") and its digits ("1042").
    public const string Number = "number";

    // Stored only, for hits.
    public const string StoredNumber = "s_number";
    public const string StoredStatus = "s_status";
    public const string StoredCategory = "s_category";
    public const string StoredSuite = "s_suite";
    public const string StoredAcceptability = "s_acceptability";
    public const string StoredConditions = "s_conditions";
    public const string StoredComponentProduct = "s_component_product";
    public const string StoredComponentVersion = "s_component_version";

    // Filters: exact, lower-cased values.
    public const string FilterSuite = "x_suite";
    public const string FilterCategory = "x_category";
    public const string FilterStatus = "x_status";
    public const string FilterEquipment = "x_equipment";
    public const string HasFix = "hasfix";

    // Facets, counted from doc values.
    public const string FacetCategory = "f_category";
    public const string FacetSuite = "f_suite";
    public const string FacetStatus = "f_status";
    public const string FacetEquipment = "f_equipment";

    // File security (S2).
    public const string Classification = "acl_classification";
    public const string Production = "acl_production";
    public const string Reporter = "acl_reporter";
    public const string Incident = "acl_incident";

    public const string Yes = "1";

    // Joins a suite's id and name in one facet value, so a count carries its label.
    public const char SuiteSeparator = '\u001f';

    public static readonly IReadOnlyList<(string Field, float Boost)> Searched =
    [
        (Title, 3.0f),
        (Text, 2.0f),
        (Resolution, 1.2f),
        (Comments, 0.8f),
        (Kit, 0.5f),
    ];

    public static readonly IReadOnlyList<string> Snippeted = [Text, Fix, Workaround, RootCause, StoredComments];
}
