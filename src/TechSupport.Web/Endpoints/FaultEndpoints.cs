using Mediator;
using Microsoft.AspNetCore.Mvc;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Features.Faults;
using TechSupport.Domain;
using TechSupport.Web.Pages.Faults;

namespace TechSupport.Web.Endpoints;

public sealed record AssignBody(Guid? AssigneeId);

public sealed record CommentBody(string? Text);

public sealed record WorkaroundBody(string? Description, Acceptability? Acceptability, string? Conditions,
    Dictionary<string, string?>? Changes = null);

public sealed record WorkaroundCheckBody(Dictionary<string, string?>? Changes, Acceptability? Acceptability = null);

public sealed record EscalateBody(string? Reason, SupportTier? Tier);

public sealed record EffectivenessBody(Effectiveness? Effectiveness, string? Note);

public sealed record ResolveBody(string? Fix, string? RootCause, string? AppliesTo);

public sealed record ReasonBody(string? Reason);

public static class FaultEndpoints
{
    public static void MapFaultEndpoints(this RouteGroupBuilder api)
    {
        var faults = api.MapGroup("/faults").WithTags("Faults");

        faults.MapPost("/", async (LogFault command, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var fault = await sender.Send(command, ct);
            http.Response.Headers.ETag = Http.ETag(fault.Version);
            return TypedResults.Created($"/api/v1/faults/{fault.Id}", fault);
        }).WithSummary("Log a fault from a suite.");

        faults.MapGet("/", async (ISender sender, CancellationToken ct,
            [FromQuery] string[]? status, [FromQuery] string? suiteId, [FromQuery] string[]? severity,
            [FromQuery] string[]? category, [FromQuery] string? open, [FromQuery] string? sort,
            [FromQuery] string? page, [FromQuery] string? pageSize) =>
        {
            var order = sort?.Trim().ToLowerInvariant() switch
            {
                null or "" or "newest" => FaultOrder.Newest,
                "severity" => FaultOrder.Severity,
                "risk" => FaultOrder.Risk,
                _ => throw Invalid.Field("sort", "Sort by newest, severity or risk."),
            };
            var query = new FaultList(
                Http.Enums<FaultStatus>(status, "status"),
                Http.Id(suiteId, "suiteId"),
                Http.Enums<Severity>(severity, "severity"),
                Http.Enums<FaultCategory>(category, "category"),
                open is not null && (bool.TryParse(open, out var o) ? o : throw Invalid.Field("open", "Give true or false.")),
                order,
                Http.Int(page, "page"),
                Http.Int(pageSize, "pageSize"));
            return TypedResults.Ok(await sender.Send(query, ct));
        }).WithSummary("Faults the caller may see, newest, most severe or most at risk first, paged.");

        faults.MapGet("/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            Versioned(http, await sender.Send(new FaultDetails(id), ct)));

        // The constraint keeps "TS-31" apart from an id and from literal routes such as /faults/import.
        faults.MapGet("/{number:regex(^ts-[0-9]+$)}", async (string number, ISender sender, HttpContext http, CancellationToken ct) =>
        {
            var id = await sender.Send(new FaultIdByNumber(number), ct) ?? throw new NotFoundException("fault");
            return Versioned(http, await sender.Send(new FaultDetails(id), ct));
        }).WithSummary("A fault by its number as people type it (TS-31), read as by its id.");

        faults.MapPost("/{id:guid}/acknowledge", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            Versioned(http, await sender.Send(new AcknowledgeFault(id, Http.IfMatch(http.Request)), ct)));

        faults.MapPost("/{id:guid}/assign", async (Guid id, AssignBody body, ISender sender, HttpContext http,
            CancellationToken ct) =>
            Versioned(http, await sender.Send(new AssignFault(id, body.AssigneeId, Http.IfMatch(http.Request)), ct)));

        faults.MapPost("/{id:guid}/comments", async (Guid id, CommentBody body, ISender sender, HttpContext http,
            CancellationToken ct) =>
            Versioned(http, await sender.Send(new CommentOnFault(id, body.Text, Http.IfMatch(http.Request)), ct)));

        faults.MapPost("/{id:guid}/workarounds", async (Guid id, WorkaroundBody body, ISender sender, HttpContext http,
            CancellationToken ct) =>
            Versioned(http, await sender.Send(new ApplyWorkaround(id, body.Description, body.Acceptability, body.Conditions,
                Http.IfMatch(http.Request), body.Changes), ct)));

        faults.MapPost("/{id:guid}/workarounds/check", async (Guid id, WorkaroundCheckBody body, ISender sender,
            CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new CheckWorkaround(id, body.Changes, body.Acceptability), ct)))
            .WithSummary("What a workaround's changes would conflict with in the production's deliverable spec, before it is applied (K9, E8).");

        faults.MapPost("/{id:guid}/resolve", async (Guid id, ResolveBody body, ISender sender, HttpContext http,
            CancellationToken ct) =>
            Versioned(http, await sender.Send(new RecordResolution(id, body.Fix, body.RootCause, body.AppliesTo,
                Http.IfMatch(http.Request)), ct)));

        faults.MapPost("/{id:guid}/reopen", async (Guid id, ReasonBody body, ISender sender, HttpContext http,
            CancellationToken ct) =>
            Versioned(http, await sender.Send(new ReopenFault(id, body.Reason, Http.IfMatch(http.Request)), ct)));

        faults.MapPost("/{id:guid}/close", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            Versioned(http, await sender.Send(new CloseFault(id, Http.IfMatch(http.Request)), ct)));

        faults.MapPost("/{id:guid}/escalate", async (Guid id, EscalateBody body, ISender sender, HttpContext http,
            CancellationToken ct) =>
            Versioned(http, await sender.Send(new EscalateFault(id, body.Reason, body.Tier, Http.IfMatch(http.Request)), ct)))
            .WithSummary("Escalate by hand: to the tier given, or one tier up; never down.");

        faults.MapPost("/{id:guid}/effectiveness", async (Guid id, EffectivenessBody body, ISender sender, HttpContext http,
            CancellationToken ct) =>
            Versioned(http, await sender.Send(new JudgeResolution(id, body.Effectiveness, body.Note, Http.IfMatch(http.Request)), ct)))
            .WithSummary("Judge a resolution partly effective.");

        faults.MapGet("/{id:guid}/timeline", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new FaultTimeline(id), ct)));

        faults.MapGet("/{id:guid}/briefing", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Text(BriefingMarkdown.Render(await sender.Send(new FaultBriefing(id), ct)), "text/markdown; charset=utf-8"))
            .Produces<string>(StatusCodes.Status200OK, "text/markdown")
            .WithSummary("A briefing to hand to second line or a vendor (PC6), as Markdown.");
    }

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<FaultView> Versioned(HttpContext http, FaultView fault)
    {
        http.Response.Headers.ETag = Http.ETag(fault.Version);
        return TypedResults.Ok(fault);
    }
}
