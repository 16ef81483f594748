using Mediator;
using TechSupport.Application.Features.Users;
using TechSupport.Domain;

namespace TechSupport.Web.Endpoints;

public sealed record ClearancesBody(Guid[]? ProductionIds);

public sealed record TierBody(SupportTier? Tier);

public static class UserEndpoints
{
    public static void MapUserEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new Me(), ct)))
            .WithTags("Users").WithSummary("The caller: id, email, role, clearances.");
        api.MapGet("/assignees", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new Assignees(), ct))).WithTags("Users");

        var users = api.MapGroup("/admin/users").WithTags("Administration");
        users.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new UserList(), ct)));
        users.MapPost("/", async (CreateUser command, ISender sender, CancellationToken ct) =>
        {
            var user = await sender.Send(command, ct);
            return TypedResults.Created($"/api/v1/admin/users/{user.Id}", user);
        });
        users.MapPut("/{id:guid}/clearances", async (Guid id, ClearancesBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetClearances(id, body.ProductionIds), ct)));
        users.MapPut("/{id:guid}/tier", async (Guid id, TierBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetSupportTier(id, body.Tier), ct)))
            .WithSummary("The tier an engineer works (FirstLine, SecondLine, Specialist), for escalation notices.");

        api.MapGet("/admin/productions", async (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AdministeredProductions(), ct)))
            .WithTags("Administration")
            .WithSummary("Every production with its classification, Restricted included, for granting clearances (Admin).");
    }
}
