using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Features.Notifications;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Notifications;

// The bell: what happened to faults the user works on or reported, as far as they may see them now.
public sealed class IndexModel(ISender sender, TimeProvider clock) : MediatedPageModel(sender)
{
    [BindProperty(SupportsGet = true, Name = "unread")]
    public bool UnreadOnly { get; set; }

    [BindProperty]
    public Guid NotificationId { get; set; }

    public int PageNumber { get; private set; } = 1;

    public NotificationPage? Notifications { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public int PageCount => Notifications is null ? 0 : Math.Max(1, (Notifications.Total + Paging.DefaultPageSize - 1) / Paging.DefaultPageSize);

    // "page" is a route value of every Razor Page, so it is read from the query string only.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        PageNumber = page ?? 1;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Notifications = await Sender.Send(new NotificationList(UnreadOnly, page), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostReadAsync(CancellationToken ct)
    {
        var read = await Sender.Send(new MarkNotificationRead(NotificationId), ct);
        return Done($"Marked {read.FaultNumber} read", Link(1));
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        var marked = await Sender.Send(new MarkAllNotificationsRead(), ct);
        return Done(marked.Marked == 1 ? "Marked 1 notification read" : $"Marked {marked.Marked} notifications read", Link(1));
    }

    public string Ago(DateTimeOffset at) => Now - at < TimeSpan.FromMinutes(1) ? "just now" : $"{Labels.Age(Now - at)} ago";

    public string Link(int page) => "/notifications" + QueryString.Create(new Dictionary<string, string?>
    {
        ["unread"] = UnreadOnly ? "true" : null,
        ["page"] = page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(p => !string.IsNullOrEmpty(p.Value)));
}
