using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Features.Audit;
using TechSupport.Domain;

namespace TechSupport.Web.Endpoints;

public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit");

        // For operators and engineers the audit routes answer exactly as a route that does not exist.
        audit.MapGet("/verify", async (ICurrentUser user, ISender sender, CancellationToken ct) =>
                user.Role >= Role.Manager ? Results.Ok(await sender.Send(new VerifyAudit(), ct)) : Results.NotFound())
            .WithSummary("Check the audit log's hash chain (Manager, Admin): {valid, events, firstBrokenEventId}.");
    }
}
