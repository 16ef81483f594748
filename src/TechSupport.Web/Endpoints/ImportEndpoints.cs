using System.Reflection;
using Mediator;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Features.Import;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Endpoints;

public static class ImportEndpoints
{
    private static readonly Dictionary<string, ImportFormat> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/json"] = ImportFormat.Json,
        ["application/x-ndjson"] = ImportFormat.Ndjson,
        ["text/csv"] = ImportFormat.Csv,
    };

    public static void MapImportEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/faults/import", async Task<Results<Ok<ImportResult>, ValidationProblem>> (HttpRequest request,
            ICurrentUser user, ISender sender, CancellationToken ct) =>
        {
            // Refuse a role that may never import before reading up to 50 MB of its body; the
            // authorisation behaviour checks the same attribute again.
            if (typeof(ImportFaults).GetCustomAttribute<RequiresRoleAttribute>() is { } required && user.Role < required.Role)
            {
                throw new ForbiddenException($"This needs the {required.Role} role or higher.");
            }

            // Answered here rather than thrown: the exception handler would name the field "content-Type",
            // and the framework's own 415 answer (from Accepts metadata) asks for JSON only.
            if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
                || !Formats.TryGetValue(type.MediaType.Value ?? "", out var format))
            {
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]>
                    {
                        ["Content-Type"] = ["Send the records as application/json (an array), application/x-ndjson or text/csv."],
                    },
                    title: "One or more fields are not valid.");
            }

            if (request.ContentLength > FaultImportReader.MaxBytes)
            {
                throw Invalid.Field("body", FaultImportReader.TooBig);
            }

            // The reader enforces the import's own limit, which is above the server's default.
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = null;
            }

            var batch = await FaultImportReader.ReadAsync(request.Body, format, ct);
            return TypedResults.Ok(await sender.Send(new ImportFaults(format, batch.Rows, batch.Errors), ct));
        })
        .WithTags("Faults")
        .WithSummary("Import the facility's historical faults (Manager, Admin).")
        .WithDescription("A JSON array, NDJSON or CSV of import records; CSV columns are the record's fields, with "
            + "workaroundDescription and workaroundAcceptability for the workaround. The same externalRef updates its "
            + "fault instead of making a second one. Good records land even when others fail; failures are reported "
            + "by record (counting from 1; a CSV header is not a record) and field. At most 50,000 records and 50 MB.")
        .AddOpenApiOperationTransformer(DescribeBodyAsync)
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status429TooManyRequests)
        .RequireRateLimiting(RateLimits.Import);
    }

    // The body is read raw, so OpenAPI learns its three forms from here, not from Accepts metadata.
    private static async Task DescribeBodyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context,
        CancellationToken ct)
    {
        var record = await context.GetOrCreateSchemaAsync(typeof(FaultImportRecord), null, ct);
        var records = await context.GetOrCreateSchemaAsync(typeof(FaultImportRecord[]), null, ct);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = records },
                ["application/x-ndjson"] = new() { Schema = record },
                ["text/csv"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.String,
                        Description = "A header line naming the record's fields as columns (workaroundDescription and "
                            + "workaroundAcceptability for the workaround), then one record per line.",
                    },
                },
            },
        };
    }
}
