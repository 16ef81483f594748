using System.Globalization;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Features.Integrations;
using TechSupport.Application.Integrations;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Pages.Integrations;

// Monitoring alerts that matched no suite (Manager, Admin): the mediator answers 403 for everyone else.
public sealed class AlertsModel(ISender sender, IOptions<AlertmanagerOptions> options, TimeProvider clock) : MediatedPageModel(sender)
{
    public int PageNumber { get; private set; } = 1;

    public Page<MonitoringAlertView>? Alerts { get; private set; }

    public DateTimeOffset Now => clock.GetUtcNow();

    public AlertLabelOptions LabelNames => options.Value.Labels;

    public bool WebhookOn => options.Value.Enabled;

    public int PageCount => Alerts is null ? 0 : Math.Max(1, (Alerts.Total + Paging.DefaultPageSize - 1) / Paging.DefaultPageSize);

    // "page" is a route value of every Razor Page, so it is read from the query string only.
    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        PageNumber = page ?? 1;
        Alerts = await Sender.Send(new UnmappedAlerts(page), ct);
        return Page();
    }

    public static string Link(int page) => "/integrations/alerts?page=" + page.ToString(CultureInfo.InvariantCulture);
}
