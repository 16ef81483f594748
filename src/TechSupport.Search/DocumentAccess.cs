namespace TechSupport.Search;

/// <summary>
/// What the engine needs to apply the file-security rules (S2) to a document inside its own query:
/// the classification, the production it belongs to, its reporter and whether it is a security incident.
/// </summary>
/// <param name="Classification">"Standard", "Confidential" or "Restricted".</param>
/// <param name="ProductionId">The production whose clearance opens a Confidential or Restricted document.</param>
/// <param name="ReporterId">Who reported it; a security incident stays visible to its reporter (E5).</param>
/// <param name="SecurityIncident">Whether the document is a security incident (E5).</param>
public sealed record DocumentAccess(string Classification, Guid? ProductionId, Guid? ReporterId, bool SecurityIncident)
{
    /// <summary>Standard material, visible to all staff.</summary>
    public static DocumentAccess Standard { get; } = new("Standard", null, null, false);
}
