using Mediator;
using TechSupport.Application.Features.Users;
using TechSupport.Domain;

namespace TechSupport.Web.Endpoints;

public sealed record ClearancesBody(Guid[]? ProductionIds);

public sealed record TierBody(SupportTier? Tier);

public sealed record RoleBody(Role? Role);

public sealed record PasswordBody(string? Password);

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
        users.MapPut("/{id:guid}/role", async (Guid id, RoleBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ChangeRole(id, body.Role), ct)))
            .WithSummary("Change a user's role (not your own); it counts from their next request.");
        users.MapPost("/{id:guid}/deactivate", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new DeactivateUser(id), ct)))
            .WithSummary("Stop a user signing in; their cookie and tokens are refused from their next request.");
        users.MapPost("/{id:guid}/reactivate", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ReactivateUser(id), ct)))
            .WithSummary("Let a deactivated user sign in again with their password.");
        users.MapPost("/{id:guid}/unlock", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new UnlockUser(id), ct)))
            .WithSummary("End a lockout after failed sign-ins and forget the failures.");
        users.MapPut("/{id:guid}/password", async (Guid id, PasswordBody body, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new SetPassword(id, body.Password), ct)))
            .WithSummary("Set a new password for a user (not yourself); their other sign-ins end.");

        api.MapGet("/admin/productions", async (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new AdministeredProductions(), ct)))
            .WithTags("Administration")
            .WithSummary("Every production with its classification, Restricted included, for granting clearances (Admin).");
    }
}
