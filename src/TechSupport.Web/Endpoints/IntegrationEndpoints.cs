using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Features.Integrations;
using TechSupport.Application.Integrations;
using TechSupport.Web.Auth;

namespace TechSupport.Web.Endpoints;

public static class IntegrationEndpoints
{
    public const string AlertmanagerRoute = "/api/v1/integrations/alertmanager";

    // Alertmanager presents its own shared token, not a user's, so the webhook sits outside the
    // Identity-authenticated group and checks the token itself, before it reads the body.
    public static void MapAlertmanagerWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost(AlertmanagerRoute, async Task<Results<NotFound, ProblemHttpResult, Ok<AlertsReceived>>> (HttpContext http, IOptions<AlertmanagerOptions> options,
                IOptions<JsonOptions> json, IServiceScopeFactory scopes, CancellationToken ct) =>
            {
                if (options.Value.Token is not { } token || string.IsNullOrWhiteSpace(token))
                {
                    return TypedResults.NotFound();
                }

                if (!Presents(http.Request, token.Trim()))
                {
                    http.Response.Headers.WWWAuthenticate = "Bearer realm=\"alertmanager\"";
                    return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized,
                        title: "Present the Alertmanager token (Integrations:Alertmanager:Token) as a bearer token.");
                }

                var command = await ReadAsync(http.Request, json.Value.SerializerOptions, ct)
                    ?? throw Invalid.Field("body", "Send an Alertmanager webhook payload (version 4).");

                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<HttpCurrentUser>().ActAsSystem("Alertmanager");
                return TypedResults.Ok(await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, ct));
            })
            .AllowAnonymous()
            .Accepts<ReceiveAlerts>("application/json")
            .WithTags("Integrations")
            .WithSummary("Prometheus Alertmanager webhook (version 4), authenticated by Integrations:Alertmanager:Token.");
    }

    public static void MapIntegrationEndpoints(this RouteGroupBuilder api)
    {
        var integrations = api.MapGroup("/integrations").WithTags("Integrations");
        integrations.MapGet("/alerts/unmapped", async (ISender sender, string? page, string? pageSize, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new UnmappedAlerts(Http.Int(page, "page"), Http.Int(pageSize, "pageSize")), ct)))
            .WithSummary("Monitoring alerts that matched no suite, kept for review (Manager, Admin).");
    }

    // Hashing both sides first makes the comparison take the same time whatever the length presented.
    private static bool Presents(HttpRequest request, string token)
    {
        const string scheme = "Bearer ";
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    // Read here rather than bound as a parameter, so an unauthenticated body is never parsed. Errors
    // read as every other body's do (ProblemExceptionHandler): 400 naming the field or Content-Type.
    private static async Task<ReceiveAlerts?> ReadAsync(HttpRequest request, JsonSerializerOptions options, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
        {
            throw new BadHttpRequestException("Send the body as application/json.", StatusCodes.Status415UnsupportedMediaType);
        }

        try
        {
            return await JsonSerializer.DeserializeAsync<ReceiveAlerts>(request.Body, options, ct);
        }
        catch (JsonException ex)
        {
            throw new BadHttpRequestException("The body is not valid JSON.", StatusCodes.Status400BadRequest, ex);
        }
    }
}
