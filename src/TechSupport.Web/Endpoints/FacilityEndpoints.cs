using Mediator;
using TechSupport.Application.Features.Facility;
using TechSupport.Domain;

namespace TechSupport.Web.Endpoints;

public sealed record ConfigurationBody(string? Reason, Guid? FaultId, IReadOnlyList<ComponentInput>? Components);

public sealed record EquipmentBody(EquipmentKind? Kind, string? Make, string? Model, string? Serial, string? Firmware);

public static class FacilityEndpoints
{
    public static void MapFacilityEndpoints(this RouteGroupBuilder api)
    {
        var suites = api.MapGroup("/suites").WithTags("Facility");
        suites.MapGet("/", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new SuiteList(), ct)));
        suites.MapPost("/", async (CreateSuite command, ISender sender, CancellationToken ct) =>
        {
            var suite = await sender.Send(command, ct);
            return TypedResults.Created($"/api/v1/suites/{suite.Id}", suite);
        });
        suites.MapPost("/{id:guid}/equipment", async (Guid id, EquipmentBody body, ISender sender, CancellationToken ct) =>
        {
            var item = await sender.Send(new AddEquipment(id, body.Kind, body.Make, body.Model, body.Serial, body.Firmware), ct);
            return TypedResults.Created($"/api/v1/suites/{id}/equipment/{item.Id}", item);
        });

        suites.MapPost("/{id:guid}/configuration/revisions", async (Guid id, ConfigurationBody body, ISender sender, CancellationToken ct) =>
            {
                var revision = await sender.Send(new RecordConfiguration(id, body.Reason, body.FaultId, body.Components), ct);
                return TypedResults.Created($"/api/v1/suites/{id}/configuration/revisions/{revision.Number}", revision);
            })
            .WithSummary("Record the suite's configuration as it now stands (Engineer and up): a new immutable revision.");
        suites.MapGet("/{id:guid}/configuration/revisions", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ConfigurationRevisions(id), ct)))
            .WithSummary("The suite's configuration revisions, newest first, each whole.");
        suites.MapGet("/{id:guid}/configuration/revisions/{number:int}/diff", async (Guid id, int number, string? against,
                ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ConfigurationRevisionDiff(id, number, Http.Int(against, "against")), ct)))
            .WithSummary("What revision {number} added, removed and changed, field by field, against revision {against} (default: the one before).");

        var productions = api.MapGroup("/productions").WithTags("Facility");
        productions.MapGet("/", async (ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new ProductionList(), ct)));
        productions.MapPost("/", async (CreateProduction command, ISender sender, CancellationToken ct) =>
        {
            var production = await sender.Send(command, ct);
            return TypedResults.Created($"/api/v1/productions/{production.Id}", production);
        });
    }
}
