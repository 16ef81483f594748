using Microsoft.Extensions.DependencyInjection;

namespace TechSupport.Application.Attachments;

public static class AttachmentServiceCollectionExtensions
{
    public static IServiceCollection AddTechSupportAttachments(this IServiceCollection services, AttachmentSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<AttachmentStore>();
        return services;
    }
}
