using Mediator;
using TechSupport.Application.Escalation;
using TechSupport.Application.Features.Escalation;

namespace TechSupport.Web.Endpoints;

public static class EscalationEndpoints
{
    public static void MapEscalationEndpoints(this RouteGroupBuilder api)
    {
        var policy = api.MapGroup("/admin/escalation-policy").WithTags("Escalation");

        policy.MapGet("/", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new EscalationPolicyDetails(), ct)))
            .WithSummary("The escalation policy in force (Admin).");

        policy.MapPut("/", async (PolicyDocument? body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetEscalationPolicy(body), ct)))
            .WithSummary("Replace the escalation policy (Admin); open faults get the new targets.");
    }
}
