using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Attachments;
using TechSupport.Application.Features.Articles;
using TechSupport.Application.Features.Attachments;
using TechSupport.Application.Features.Facility;
using TechSupport.Application.Features.Faults;
using TechSupport.Application.Features.Search;
using TechSupport.Application.Features.Shared;
using TechSupport.Application.Features.Users;
using TechSupport.Domain;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Faults;

public sealed class DetailsModel(ISender sender, HttpCurrentUser me, TimeProvider clock, AttachmentStore attachments)
    : MediatedPageModel(sender)
{
    private FaultView? _fault;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    // The version the page was drawn from, sent back as ExpectedVersion so a stale page cannot overwrite.
    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    public Guid? AssigneeId { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public WorkaroundForm Workaround { get; set; } = new();

    [BindProperty]
    public ResolutionForm Resolution { get; set; } = new();

    [BindProperty]
    public ReopenForm Reopen { get; set; } = new();

    [BindProperty]
    public EscalationForm Escalation { get; set; } = new();

    [BindProperty]
    public JudgeForm Judge { get; set; } = new();

    public FaultView Fault => _fault ?? throw new InvalidOperationException("The fault is loaded before the page renders.");

    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];

    public IReadOnlyList<NamedRef> Assignees { get; private set; } = [];

    public SimilarView Similar { get; private set; } = new([], false);

    public Page<AttachmentView> Attachments { get; private set; } = new(0, []);

    public long MaxAttachmentBytes => attachments.Settings.MaxBytes;

    public string MaxAttachmentSize => Labels.Size(attachments.Settings.MaxBytes);

    // E5: a locked fault's files are a manager's to add and open (AttachmentAccess); others still see the list.
    public bool CanAttach => !Fault.AttachmentsLocked || IsManager;

    public bool CanOpenAttachments => !Fault.AttachmentsLocked || IsManager;

    // The suite as the facility lists it, for its out-of-service state (E4).
    public SuiteView? Suite { get; private set; }

    // Set when the workaround posted endangers the deliverable: the form is shown again with the warning.
    public WorkaroundCheckView? Check { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public bool IsStaff => me.Role >= Role.Engineer;

    public bool CanAcknowledge => IsStaff && Fault.Status is FaultStatus.New or FaultStatus.Reopened;

    public bool IsOpen => Fault.Status is not (FaultStatus.Resolved or FaultStatus.Closed);

    public bool CanAssign => IsStaff && IsOpen;

    public bool CanWorkOn => IsStaff && IsOpen;

    // E4 is the domain's to enforce: an engineer is offered Close on a health-and-safety fault and told why it is refused.
    public bool CanClose => IsStaff && Fault.Status == FaultStatus.Resolved;

    public bool CanReopen => Fault.Status is FaultStatus.Resolved or FaultStatus.Closed;

    public bool CanPromote => IsStaff && CanReopen && Fault.Resolution is not null;

    public bool CanEscalate => IsStaff && IsOpen && Fault.Tier < SupportTier.Manager;

    public bool IsManager => me.Role >= Role.Manager;

    // A tier never goes down by escalation, so only the higher ones are offered; the first is one tier up.
    public IEnumerable<SupportTier> HigherTiers => Enum.GetValues<SupportTier>().Where(t => t > Fault.Tier);

    // PC8: Partial is an engineer's judgement of the current fix; Effective and Ineffective are the rules'.
    public bool CanJudge => IsStaff && CanReopen && Fault.Resolution is { Effectiveness: not Effectiveness.Partial };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        _fault = await Sender.Send(new FaultDetails(Id), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(CancellationToken ct)
    {
        var fault = await Sender.Send(new AcknowledgeFault(Id, Version), ct);
        return Done($"Fault {fault.Number} acknowledged");
    }

    public async Task<IActionResult> OnPostAssignAsync(CancellationToken ct)
    {
        var fault = await Sender.Send(new AssignFault(Id, AssigneeId, Version), ct);
        return Done($"Fault {fault.Number} assigned to {fault.Assignee?.Name}");
    }

    public async Task<IActionResult> OnPostCommentAsync(CancellationToken ct)
    {
        var fault = await Sender.Send(new CommentOnFault(Id, Text, Version), ct);
        return Done($"Comment added to {fault.Number}", $"/faults/{fault.Id}#timeline");
    }

    public async Task<IActionResult> OnPostWorkaroundAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Workaround);
        var w = Workaround;
        var changes = ChangesFromRows();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        // K9, E8: a short cut that endangers the deliverable is applied only after the engineer has read why and
        // confirmed it; a confirmation given for other conflicts than the ones now found does not count.
        var check = await Sender.Send(new CheckWorkaround(Id, changes, w.Acceptability), ct);
        if (check.EndangersDeliverable)
        {
            Check = check;
            var seen = Signature(check);
            if (!w.ApplyAnyway || w.Warned != seen)
            {
                w.Warned = seen;
                w.ApplyAnyway = false;
                ModelState.Remove($"{nameof(Workaround)}.{nameof(WorkaroundForm.Warned)}");
                ModelState.Remove($"{nameof(Workaround)}.{nameof(WorkaroundForm.ApplyAnyway)}");
                return Page();
            }
        }

        var fault = await Sender.Send(new ApplyWorkaround(Id, w.Description, w.Acceptability, w.Conditions, Version, changes), ct);
        return Done(check.Escalates && fault.QcFlagged
            ? $"Workaround applied to {fault.Number}; the fault is at {Labels.Of(fault.Tier)} and the deliverable is flagged for QC"
            : $"Workaround applied to {fault.Number}");
    }

    public async Task<IActionResult> OnPostEscalateAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Escalation);
        var fault = await Sender.Send(new EscalateFault(Id, Escalation.Reason, Escalation.Tier, Version), ct);
        return Done($"Fault {fault.Number} escalated to {Labels.Of(fault.Tier)}");
    }

    public async Task<IActionResult> OnPostResolveAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Resolution);
        var r = Resolution;
        var fault = await Sender.Send(new RecordResolution(Id, r.Fix, r.RootCause, r.AppliesTo, Version), ct);
        return Done($"Fault {fault.Number} resolved");
    }

    public async Task<IActionResult> OnPostCloseAsync(CancellationToken ct)
    {
        var fault = await Sender.Send(new CloseFault(Id, Version), ct);
        return Done($"Fault {fault.Number} closed");
    }

    public async Task<IActionResult> OnPostReopenAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Reopen);
        var fault = await Sender.Send(new ReopenFault(Id, Reopen.Reason, Version), ct);
        return Done($"Fault {fault.Number} reopened");
    }

    public async Task<IActionResult> OnPostJudgeAsync(CancellationToken ct)
    {
        FormPrefix = nameof(Judge);
        var fault = await Sender.Send(new JudgeResolution(Id, Effectiveness.Partial, Judge.Note, Version), ct);
        return Done($"The fix for {fault.Number} is marked partly effective");
    }

    // The form is read by the framework (antiforgery comes first), each file spooled to disk past 64 KB; from there
    // every file goes through the same checks as the API's.
    public async Task<IActionResult> OnPostUploadAsync(CancellationToken ct)
    {
        var target = await Sender.Send(new AttachmentTarget(Id), ct);
        using var upload = attachments.BeginUpload(target.Classification);
        // A browser sends an empty part for a file field left empty.
        foreach (var file in Request.Form.Files.GetFiles("file").Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)))
        {
            await using var content = file.OpenReadStream();
            await upload.AddAsync(content, file.FileName, ct);
        }

        var attached = await Sender.Send(new AttachFiles(Id, upload.Files), ct);
        upload.Keep();
        return Done(attached.Total == 1
            ? $"{attached.Items[0].FileName} attached to {target.Number}"
            : $"{attached.Total} files attached to {target.Number}", $"/faults/{Id}#attachments");
    }

    public async Task<IActionResult> OnPostPromoteAsync(CancellationToken ct)
    {
        var (article, existed) = await Sender.Send(new PromoteFault(Id), ct);
        var source = article.SourceFault?.Name ?? "the fault";
        return Done(existed
            ? $"{source} already has a knowledge article, so no second one was written; this is it"
            : $"Knowledge article written from {source}; check its text", $"/articles/{article.Id}");
    }

    protected override async Task LoadAsync(CancellationToken ct)
    {
        // After a refused post the page is drawn from the fault as it is now, so the user sees what changed.
        _fault ??= await Sender.Send(new FaultDetails(Id), ct);
        Timeline = (await Sender.Send(new FaultTimeline(Id), ct)).Items;
        Similar = await Sender.Send(new SimilarFaults(Id), ct);
        Attachments = await Sender.Send(new FaultAttachments(Id), ct);
        if (Fault.Suite is { } suite)
        {
            Suite = (await Sender.Send(new SuiteList(), ct)).Items.SingleOrDefault(s => s.Id == suite.Id);
        }

        MoveChangeErrorsToRows();
        Workaround.PadRows();
        if (IsStaff)
        {
            Assignees = (await Sender.Send(new Assignees(), ct)).Items;
        }
    }

    // The rows the engineer filled in, as the request names changes: by aspect, once each.
    private Dictionary<string, string?>? ChangesFromRows()
    {
        var changes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Workaround.Changes.Count; i++)
        {
            var row = Workaround.Changes[i];
            if (string.IsNullOrWhiteSpace(row.Aspect))
            {
                if (!string.IsNullOrWhiteSpace(row.Value))
                {
                    ModelState.AddModelError(RowField(i, nameof(ChangeRow.Aspect)), "Say what the workaround changes, or clear the value.");
                }

                continue;
            }

            if (!changes.TryAdd(row.Aspect.Trim(), row.Value))
            {
                ModelState.AddModelError(RowField(i, nameof(ChangeRow.Aspect)), $"{Labels.Aspect(row.Aspect)} is given twice; give each change once.");
            }
        }

        return changes.Count == 0 ? null : changes;
    }

    // The mediator names a bad change by its aspect ("changes.bitDepth"); on the page it belongs beside its row.
    private void MoveChangeErrorsToRows()
    {
        for (var i = 0; i < Workaround.Changes.Count; i++)
        {
            if (Workaround.Changes[i].Aspect is not { Length: > 0 } aspect
                || !ModelState.TryGetValue($"{nameof(Workaround)}.changes.{aspect.Trim()}", out var entry) || entry.Errors.Count == 0)
            {
                continue;
            }

            var messages = entry.Errors.Select(e => e.ErrorMessage).ToList();
            ModelState.Remove($"{nameof(Workaround)}.changes.{aspect.Trim()}");
            foreach (var message in messages)
            {
                ModelState.AddModelError(RowField(i, nameof(ChangeRow.Value)), message);
            }
        }
    }

    private static string RowField(int row, string field) => $"{nameof(Workaround)}.{nameof(WorkaroundForm.Changes)}[{row}].{field}";

    // What the engineer was warned of, so "apply anyway" confirms exactly that.
    private static string Signature(WorkaroundCheckView check) =>
        string.Join(";", check.Conflicts.Select(c => $"{c.Aspect}={c.Change}").Order(StringComparer.Ordinal))
        + (check.Unacceptable ? ";unacceptable" : "");

    public sealed class WorkaroundForm
    {
        // Enough for a real short cut (a frame rate and a bit depth, say) without any script to add rows.
        public const int ChangeRows = 3;

        public string? Description { get; set; }

        public Acceptability? Acceptability { get; set; }

        public string? Conditions { get; set; }

        public List<ChangeRow> Changes { get; set; } = [];

        public string? Warned { get; set; }

        public bool ApplyAnyway { get; set; }

        public void PadRows()
        {
            while (Changes.Count < ChangeRows)
            {
                Changes.Add(new ChangeRow());
            }
        }
    }

    public sealed class ChangeRow
    {
        public string? Aspect { get; set; }

        public string? Value { get; set; }
    }

    public sealed class EscalationForm
    {
        public string? Reason { get; set; }

        public SupportTier? Tier { get; set; }
    }

    public sealed class ResolutionForm
    {
        public string? Fix { get; set; }

        public string? RootCause { get; set; }

        public string? AppliesTo { get; set; }
    }

    public sealed class ReopenForm
    {
        public string? Reason { get; set; }
    }

    public sealed class JudgeForm
    {
        public string? Note { get; set; }
    }
}
