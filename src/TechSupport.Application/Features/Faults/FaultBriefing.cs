using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Attachments;
using TechSupport.Application.Data;
using TechSupport.Application.Escalation;
using TechSupport.Application.Features.Shared;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

// PC6: everything second line or a vendor needs to take a fault on, in one piece, with every time
// on the facility's clock. The same view is drawn as Markdown (the API) and as a printable page.
public sealed record FaultBriefing(Guid Id) : IQuery<BriefingView>;

public sealed record BriefingView(
    Guid Id,
    string Number,
    string Title,
    Severity Severity,
    FaultStatus Status,
    SupportTier Tier,
    Classification Classification,
    FaultCategory Category,
    WorkflowStage? WorkflowStage,
    string Symptoms,
    bool HealthAndSafety,
    bool SecurityIncident,
    bool QcFlagged,
    string TimeZone,
    FacilityTime PreparedAt,
    string ReportedBy,
    FacilityTime ReportedAt,
    string? Assignee,
    BriefingSla Sla,
    BriefingTargets Targets,
    BriefingSuite? Suite,
    BriefingEquipment? Equipment,
    string? EquipmentText,
    BriefingConfiguration? Configuration,
    BriefingProduction? Production,
    ImpactView Impact,
    IReadOnlyList<BriefingWorkaround> Workarounds,
    BriefingResolution? Resolution,
    IReadOnlyList<FaultRef> RecurringFaults,
    IReadOnlyList<BriefingEvent> Timeline,
    IReadOnlyList<BriefingAttachment> Attachments);

// The next unmet target ("acknowledge", "restore", "resolve"), when it falls due, and whether it is missed or near.
public sealed record BriefingSla(string? Next, FacilityTime? DueAt, bool Breached, bool AtRisk);

// Each target of the current cycle and, where it is met, when.
public sealed record BriefingTargets(
    FacilityTime AcknowledgeBy, FacilityTime? RestoreBy, FacilityTime ResolveBy,
    FacilityTime? AcknowledgedAt, FacilityTime? RestoredAt, FacilityTime? ResolvedAt);

public sealed record BriefingSuite(Guid Id, string Name, SuiteType SuiteType, FacilityTime? OutOfServiceSince);

public sealed record BriefingEquipment(EquipmentKind Kind, string Make, string Model, string? Serial, string? Firmware);

// The suite's configuration revision captured when the fault was logged, not the one in force now.
public sealed record BriefingConfiguration(int Number, FacilityTime CreatedAt, string Reason,
    IReadOnlyList<ConfigurationComponent> Components);

public sealed record BriefingProduction(string Name, Classification Classification, DeliverableSpec? DeliverableSpec,
    FacilityTime? DeliveryDeadline);

public sealed record BriefingWorkaround(string Description, Acceptability Acceptability, string? Conditions,
    FacilityTime AppliedAt, string AppliedBy, IReadOnlyList<ChangeView> Changes, IReadOnlyList<ConflictView> Conflicts);

public sealed record BriefingResolution(string Fix, string? RootCause, string? AppliesTo, Effectiveness Effectiveness,
    FacilityTime ResolvedAt);

public sealed record BriefingEvent(FacilityTime At, string Actor, FaultEventKind Kind, string Text);

// A file attached to the fault, by name, kind and size; a purged one says when its bytes went (S5).
public sealed record BriefingAttachment(string FileName, AttachmentKind Kind, long Size, FacilityTime UploadedAt, string UploadedBy,
    FacilityTime? PurgedAt);

public sealed class FaultBriefingHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock, PolicyStore policies,
    ReadAudit reads)
    : IQueryHandler<FaultBriefing, BriefingView>
{
    public async ValueTask<BriefingView> Handle(FaultBriefing query, CancellationToken cancellationToken)
    {
        // S3: absent and hidden read the same, before anything else is looked up.
        var fault = await db.VisibleFaultAsync(user, query.Id, cancellationToken);
        await reads.RecordAsync(fault.Classification, nameof(Fault), fault.Id, "briefing", cancellationToken);
        var zone = (await policies.CurrentAsync(db, cancellationToken)).Calendar.TimeZone;
        var now = clock.GetUtcNow();
        FacilityTime At(DateTimeOffset instant) => FacilityTime.Of(instant, zone);
        FacilityTime? Maybe(DateTimeOffset? instant) => instant is { } value ? At(value) : null;

        var revision = fault.ConfigurationRevisionId is { } revisionId
            ? await db.ConfigurationRevisions.AsNoTracking().SingleOrDefaultAsync(r => r.Id == revisionId, cancellationToken)
            : null;
        var timeline = await db.FaultEvents.AsNoTracking().Where(e => e.FaultId == fault.Id)
            .OrderBy(e => e.Sequence).ThenBy(e => e.At)
            .Select(e => new { e.At, e.ActorName, e.Kind, e.Text })
            .ToListAsync(cancellationToken);
        var people = await db.NamesAsync([fault.ReportedById, fault.AssigneeId], cancellationToken);
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.FaultId == fault.Id)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.FileName).ThenBy(a => a.Id)
            .Select(a => new { a.FileName, a.Kind, a.Size, a.UploadedAt, a.UploadedByName, a.PurgedAt })
            .ToListAsync(cancellationToken);
        var recurring = await db.RecurringProblemsAsync(user, [fault], cancellationToken);
        var others = fault.RecurringProblemId is { } problem
            ? recurring.GetValueOrDefault(problem, []).Where(r => r.Id != fault.Id).ToList()
            : [];
        // A fault always carries its production's classification (S1), so whoever sees the fault may
        // see the production; checked all the same, so a briefing can never be the leak.
        var production = fault.Production is { } p && AccessPolicy.CanSee(user.Viewer, p) ? p : null;
        var sla = SlaView.Of(fault, now);
        var view = FaultView.From(fault, people, now, recurring);

        return new BriefingView(
            fault.Id,
            fault.Reference,
            fault.Title,
            fault.Severity,
            fault.Status,
            fault.Tier,
            fault.Classification,
            fault.Category,
            fault.WorkflowStage,
            fault.Symptoms,
            fault.HealthAndSafety,
            fault.SecurityIncident,
            fault.QcFlagged,
            zone.Id,
            At(now),
            view.ReportedBy.Name,
            At(fault.CreatedAt),
            view.Assignee?.Name,
            new BriefingSla(sla.Next, Maybe(sla.DueAt), sla.Breached, sla.AtRisk),
            new BriefingTargets(At(fault.Targets.AcknowledgeBy), Maybe(fault.Targets.RestoreBy), At(fault.Targets.ResolveBy),
                Maybe(fault.AcknowledgedAt), Maybe(fault.RestoredAt), Maybe(fault.ResolvedAt)),
            fault.Suite is { } s ? new BriefingSuite(s.Id, s.Name, s.SuiteType, Maybe(s.OutOfServiceSince)) : null,
            fault.Equipment is { } e ? new BriefingEquipment(e.Kind, e.Make, e.Model, e.Serial, e.Firmware) : null,
            fault.EquipmentText,
            revision is null ? null : new BriefingConfiguration(revision.Number, At(revision.CreatedAt), revision.Reason,
                [.. revision.Components]),
            production is null ? null : new BriefingProduction(production.Name, production.Classification,
                production.DeliverableSpec, Maybe(production.DeliveryDeadline)),
            view.Impact,
            [.. view.Workarounds.Select(w => new BriefingWorkaround(w.Description, w.Acceptability, w.Conditions, At(w.AppliedAt),
                w.AppliedBy, w.Changes, w.Conflicts))],
            view.Resolution is { } r ? new BriefingResolution(r.Fix, r.RootCause, r.AppliesTo, r.Effectiveness, At(r.ResolvedAt)) : null,
            others,
            [.. timeline.Select(t => new BriefingEvent(At(t.At), t.ActorName, t.Kind, t.Text))],
            [.. attachments.Select(a => new BriefingAttachment(a.FileName, a.Kind, a.Size, At(a.UploadedAt), a.UploadedByName,
                Maybe(a.PurgedAt)))]);
    }
}
