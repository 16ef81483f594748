using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace TechSupport.Search.Lucene;

internal static class DocumentMapper
{
    public static Document ToLucene(SearchDocument source, LuceneAnalysis analysis)
    {
        var document = new Document
        {
            new StringField(LuceneFields.Key, source.Key, Field.Store.YES),
            new StringField(LuceneFields.Live, LuceneFields.Yes, Field.Store.NO),
            new StringField(LuceneFields.Kind, KindValue(source.Kind), Field.Store.YES),
            new StoredField(LuceneFields.Id, source.Id.ToString("D")),
            new NumericDocValuesField(LuceneFields.Version, source.Version),
            new StoredField(LuceneFields.Version, source.Version),
            new NumericDocValuesField(LuceneFields.CreatedAt, source.CreatedAt.UtcTicks),
            new StoredField(LuceneFields.CreatedAt, source.CreatedAt.UtcTicks),
            new TextField(LuceneFields.Title, source.Title, Field.Store.YES),
            new TextField(LuceneFields.Text, source.Text, Field.Store.YES),
            new TextField(LuceneFields.All, source.Title, Field.Store.NO),
            new TextField(LuceneFields.All, source.Text, Field.Store.NO),
        };

        foreach (var (field, text) in new[] { (LuceneFields.Fix, source.Fix), (LuceneFields.Workaround, source.Workaround), (LuceneFields.RootCause, source.RootCause) })
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                document.Add(new StoredField(field, text));
                document.Add(new TextField(LuceneFields.Resolution, text, Field.Store.NO));
                document.Add(new TextField(LuceneFields.All, text, Field.Store.NO));
            }
        }

        if (!string.IsNullOrWhiteSpace(source.Comments))
        {
            document.Add(new StoredField(LuceneFields.StoredComments, source.Comments));
            document.Add(new TextField(LuceneFields.Comments, source.Comments, Field.Store.NO));
            document.Add(new TextField(LuceneFields.All, source.Comments, Field.Store.NO));
        }

        AddStored(document, LuceneFields.StoredAcceptability, source.WorkaroundAcceptability);
        AddStored(document, LuceneFields.StoredConditions, source.WorkaroundConditions);

        if (!string.IsNullOrWhiteSpace(source.Number))
        {
            var number = source.Number.Trim().ToLowerInvariant();
            document.Add(new StoredField(LuceneFields.StoredNumber, source.Number.Trim()));
            document.Add(new StringField(LuceneFields.Number, number, Field.Store.NO));
            var digits = number[(number.LastIndexOf('-') + 1)..];
            if (digits.Length > 0 && digits != number)
            {
                document.Add(new StringField(LuceneFields.Number, digits, Field.Store.NO));
            }
        }

        AddFacet(document, LuceneFields.FacetCategory, LuceneFields.FilterCategory, LuceneFields.StoredCategory, source.Category);
        AddFacet(document, LuceneFields.FacetStatus, LuceneFields.FilterStatus, LuceneFields.StoredStatus, source.Status);
        if (source.SuiteId is { } suiteId)
        {
            var name = source.SuiteName?.Trim() ?? "";
            document.Add(new SortedDocValuesField(LuceneFields.FacetSuite, new BytesRef($"{suiteId:D}{LuceneFields.SuiteSeparator}{name}")));
            document.Add(new StringField(LuceneFields.FilterSuite, suiteId.ToString("D"), Field.Store.NO));
        }

        AddStored(document, LuceneFields.StoredSuite, source.SuiteName);

        foreach (var equipment in source.Equipment.Where(e => !string.IsNullOrWhiteSpace(e)).Select(e => e.Trim()).Distinct(StringComparer.Ordinal))
        {
            document.Add(new SortedSetDocValuesField(LuceneFields.FacetEquipment, new BytesRef(equipment)));
            document.Add(new StringField(LuceneFields.FilterEquipment, equipment.ToLowerInvariant(), Field.Store.NO));
            document.Add(new TextField(LuceneFields.Kit, equipment, Field.Store.NO));
            document.Add(new TextField(LuceneFields.All, equipment, Field.Store.NO));
        }

        foreach (var component in source.Components)
        {
            document.Add(new StoredField(LuceneFields.StoredComponentProduct, component.ProductToken));
            document.Add(new StoredField(LuceneFields.StoredComponentVersion, component.VersionToken));
            document.Add(new TextField(LuceneFields.Kit, $"{component.Product} {component.Version}", Field.Store.NO));
        }

        var meta = string.Join(' ', new[] { source.SuiteName, source.Category, source.Stage, source.Status, source.Severity }.Where(m => !string.IsNullOrWhiteSpace(m)));
        if (meta.Length > 0)
        {
            document.Add(new TextField(LuceneFields.Kit, meta, Field.Store.NO));
            document.Add(new TextField(LuceneFields.All, meta, Field.Store.NO));
        }

        // Versions and codes anywhere in the document, kept whole on their own field.
        foreach (var text in new[] { source.Title, source.Text, source.Fix, source.RootCause, source.Workaround, source.Comments })
        {
            if (!string.IsNullOrWhiteSpace(text))
            {
                document.Add(new TextField(LuceneFields.Exact, text, Field.Store.NO));
            }
        }

        foreach (var text in source.Equipment.Concat(source.Components.Select(c => $"{c.Product} {c.Version}")))
        {
            document.Add(new TextField(LuceneFields.Exact, text, Field.Store.NO));
        }

        var texts = new[] { source.Title, source.Text, source.Fix, source.Workaround, source.RootCause, source.Comments, meta }
            .Concat(source.Equipment);
        foreach (var phrase in texts.Where(t => !string.IsNullOrWhiteSpace(t)).SelectMany(t => analysis.Phrases(t!)).Distinct(StringComparer.Ordinal))
        {
            document.Add(new StringField(LuceneFields.Phrases, phrase, Field.Store.NO));
        }

        if (source.HasFix)
        {
            document.Add(new StringField(LuceneFields.HasFix, LuceneFields.Yes, Field.Store.NO));
        }

        var access = source.Access;
        document.Add(new StringField(LuceneFields.Classification, AccessFilter.ClassificationValue(access.Classification), Field.Store.NO));
        if (access.ProductionId is { } production)
        {
            document.Add(new StringField(LuceneFields.Production, AccessFilter.ProductionValue(production), Field.Store.NO));
        }

        if (access.ReporterId is { } reporter && reporter != Guid.Empty)
        {
            document.Add(new StringField(LuceneFields.Reporter, AccessFilter.ReporterValue(reporter), Field.Store.NO));
        }

        if (access.SecurityIncident)
        {
            document.Add(new StringField(LuceneFields.Incident, LuceneFields.Yes, Field.Store.NO));
        }

        return document;
    }

    // A deleted key's marker: it keeps the deleting version so an older update arriving late does
    // not bring the document back. It has no classification, so no query ever matches it.
    public static Document Tombstone(string key, long version) =>
    [
        new StringField(LuceneFields.Key, key, Field.Store.YES),
        new NumericDocValuesField(LuceneFields.Tombstone, 1),
        new NumericDocValuesField(LuceneFields.Version, version),
        new StoredField(LuceneFields.Version, version),
    ];

    public static string KindValue(DocumentKind kind) => kind.ToString().ToLowerInvariant();

    public static SearchHit ToHit(Document stored, string snippet, double score) => new()
    {
        Key = stored.Get(LuceneFields.Key),
        Kind = Enum.Parse<DocumentKind>(stored.Get(LuceneFields.Kind), ignoreCase: true),
        Id = Guid.Parse(stored.Get(LuceneFields.Id)),
        Title = stored.Get(LuceneFields.Title) ?? "",
        Snippet = snippet,
        Score = score,
        Number = stored.Get(LuceneFields.StoredNumber),
        Status = stored.Get(LuceneFields.StoredStatus),
        Category = stored.Get(LuceneFields.StoredCategory),
        Suite = stored.Get(LuceneFields.StoredSuite),
        Fix = stored.Get(LuceneFields.Fix),
        Workaround = stored.Get(LuceneFields.Workaround),
        WorkaroundAcceptability = stored.Get(LuceneFields.StoredAcceptability),
        WorkaroundConditions = stored.Get(LuceneFields.StoredConditions),
        CreatedAt = new DateTimeOffset(stored.GetField(LuceneFields.CreatedAt)?.GetInt64Value() ?? 0, TimeSpan.Zero),
    };

    public static (string[] Products, string[] Versions) Components(Document stored) =>
        (stored.GetValues(LuceneFields.StoredComponentProduct), stored.GetValues(LuceneFields.StoredComponentVersion));

    private static void AddStored(Document document, string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            document.Add(new StoredField(field, value.Trim()));
        }
    }

    private static void AddFacet(Document document, string facetField, string filterField, string storedField, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var trimmed = value.Trim();
        document.Add(new SortedDocValuesField(facetField, new BytesRef(trimmed)));
        document.Add(new StringField(filterField, trimmed.ToLowerInvariant(), Field.Store.NO));
        document.Add(new StoredField(storedField, trimmed));
    }
}
