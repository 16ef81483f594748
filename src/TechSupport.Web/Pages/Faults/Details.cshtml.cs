using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Features.Faults;
using TechSupport.Application.Features.Shared;
using TechSupport.Application.Features.Users;
using TechSupport.Domain;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Faults;

public sealed class DetailsModel(ISender sender, HttpCurrentUser me, TimeProvider clock) : MediatedPageModel(sender)
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

    public FaultView Fault => _fault ?? throw new InvalidOperationException("The fault is loaded before the page renders.");

    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];

    public IReadOnlyList<NamedRef> Assignees { get; private set; } = [];

    public DateTimeOffset Now => clock.GetUtcNow();

    public bool IsStaff => me.Role >= Role.Engineer;

    public bool CanAcknowledge => IsStaff && Fault.Status is FaultStatus.New or FaultStatus.Reopened;

    public bool CanAssign => IsStaff && Fault.Status is not (FaultStatus.Resolved or FaultStatus.Closed);

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

    protected override async Task LoadAsync(CancellationToken ct)
    {
        // After a refused post the page is drawn from the fault as it is now, so the user sees what changed.
        _fault ??= await Sender.Send(new FaultDetails(Id), ct);
        Timeline = (await Sender.Send(new FaultTimeline(Id), ct)).Items;
        if (IsStaff)
        {
            Assignees = (await Sender.Send(new Assignees(), ct)).Items;
        }
    }
}
