using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using TechSupport.Application.Attachments;

namespace TechSupport.Web.Infrastructure;

public static class AttachmentSetup
{
    public const string FaultPage = "/Faults/Details";

    public static void AddAttachments(this WebApplicationBuilder builder, TechSupportSettings settings)
    {
        var attachments = AttachmentSettings.Resolve(builder.Configuration, settings.DataPath);
        var services = builder.Services;
        services.AddTechSupportAttachments(attachments);
        services.AddSingleton<AttachmentPurgeService>();
        services.AddHostedService(provider => provider.GetRequiredService<AttachmentPurgeService>());

        // The fault page's upload form is read by the framework (antiforgery reads the form first): its request may
        // carry a full upload, and each file part a little more than MaxBytes, so a file over the limit reaches the
        // page and is refused beside its field rather than by the server. The API streams its uploads (MultipartFiles)
        // and sets its own bound; every other request keeps the server's defaults. Post-configured: conventions added
        // in an ordinary Configure before AddRazorPages were never applied to the page.
        services.PostConfigure<RazorPagesOptions>(o => o.Conventions.AddPageApplicationModelConvention(FaultPage, page =>
        {
            page.EndpointMetadata.Add(new RequestSizeLimitAttribute(attachments.MaxUploadBytes));
            page.EndpointMetadata.Add(new RequestFormLimitsAttribute { MultipartBodyLengthLimit = attachments.MaxUploadBytes });
        }));
    }
}
