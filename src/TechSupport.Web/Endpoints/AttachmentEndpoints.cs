using Mediator;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using TechSupport.Application.Attachments;
using TechSupport.Application.Features.Attachments;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Endpoints;

public static class AttachmentEndpoints
{
    public static void MapAttachmentEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/faults/{id:guid}/attachments", async (Guid id, HttpRequest request, ISender sender, AttachmentStore store,
            CancellationToken ct) =>
        {
            // Who may attach, and what is accepted and how it is stored, are known before the body is read.
            var target = await sender.Send(new AttachmentTarget(id), ct);
            using var upload = store.BeginUpload(target.Classification);
            await MultipartFiles.ReadAsync(request, upload, store.Settings, ct);
            var attached = await sender.Send(new AttachFiles(id, upload.Files), ct);
            upload.Keep();
            return TypedResults.Created($"/api/v1/faults/{id}/attachments", attached);
        })
        .WithTags("Faults")
        .WithSummary("Attach files to a fault: multipart/form-data, one or more files in the field file.")
        .WithDescription("Files are judged by their content, never their name: text and logs (UTF-8), PNG, JPEG, GIF, PDF, JSON "
            + "and XML are accepted; video and audio essence only on a Standard fault; executables, scripts, markup and "
            + "archives never. Each file at most Attachments:MaxBytes, at most 10 at a time. Answers the files attached.")
        .AddOpenApiOperationTransformer(DescribeUpload)
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/faults/{id:guid}/attachments", async (Guid id, ISender sender, CancellationToken ct) =>
            TypedResults.Ok(await sender.Send(new FaultAttachments(id), ct)))
            .WithTags("Faults")
            .WithSummary("A fault's attachments, oldest first; a purged one carries purgedAt.");

        api.MapGet("/attachments/{id:guid}", async Task<IResult> (Guid id, HttpContext http, ISender sender, AttachmentStore store,
            ILoggerFactory loggers, CancellationToken ct) =>
        {
            var download = await sender.Send(new DownloadAttachment(id), ct);
            if (download.PurgedAt is { } purgedAt)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status410Gone, title: AttachmentResponses.Purged(purgedAt),
                    extensions: new Dictionary<string, object?> { ["purgedAt"] = purgedAt });
            }

            await AttachmentResponses.WriteAsync(http, download, store, loggers.CreateLogger(typeof(AttachmentEndpoints)), ct);
            return Results.Empty;
        })
        .WithTags("Faults")
        .WithSummary("Download an attachment, always as a file (Content-Disposition: attachment).")
        .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status410Gone);
    }

    // The body is read raw, so OpenAPI learns its shape from here.
    private static Task DescribeUpload(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "file" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Array,
                                Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                            },
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }
}
