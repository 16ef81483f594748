using System.Security.Cryptography;
using System.Text;

namespace TechSupport.Search.Tests.Relevance;

// Turns a fault of the set into the document the outbox would index for it, with ids derived
// from the set's keys so every run, and every engine, indexes exactly the same documents.
public static class RelevanceDocuments
{
    public static Guid FaultId(string key) => DeterministicGuid("fault", key);

    // The user the harness searches as; no fault names it as its reporter.
    public static Guid CallerId { get; } = DeterministicGuid("user", "relevance-harness");

    public static string DocumentKey(string key) => SearchKeys.For(DocumentKind.Fault, FaultId(key));

    public static SearchDocument For(RelevanceFault fault) => new()
    {
        Key = DocumentKey(fault.Key),
        Kind = DocumentKind.Fault,
        Id = FaultId(fault.Key),
        Version = 1,
        Title = fault.Title,
        Text = fault.Symptoms,
        Fix = fault.Fix,
        RootCause = fault.RootCause,
        Workaround = fault.Workaround?.Description,
        WorkaroundAcceptability = fault.Workaround?.Acceptability,
        SuiteId = fault.Suite is { } suite ? DeterministicGuid("suite", suite) : null,
        SuiteName = fault.Suite,
        Category = fault.Category,
        Status = fault.Status,
        Stage = fault.Stage,
        Severity = fault.Severity,
        Equipment = fault.Equipment,
        Components = [.. fault.Components.Select(c => c.ToKey())],
        Access = AccessOf(fault),
        CreatedAt = fault.CreatedAt,
        HasFix = fault.HasFix,
    };

    private static DocumentAccess AccessOf(RelevanceFault fault) => fault.Classification == "Standard"
        ? DocumentAccess.Standard
        : new DocumentAccess(fault.Classification,
            fault.Production is { } production ? DeterministicGuid("production", production) : null,
            ReporterId: null, SecurityIncident: false);

    // A version 8 (name-based, custom) UUID from SHA-256, so no randomness and no clock.
    private static Guid DeterministicGuid(string space, string name)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"techsupport-relevance/{space}/{name}"), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
