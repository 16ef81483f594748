using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using TechSupport.Application.Behaviours;
using TechSupport.Application.Data;
using TechSupport.Application.Escalation;
using TechSupport.Application.Features.Faults;
using TechSupport.Application.Integrations;
using TechSupport.Application.Notifications;
using TechSupport.Application.Seeding;
using TechSupport.Domain;
using TechSupport.Web.Auth;
using TechSupport.Web.Pages.Shared;

namespace TechSupport.Web.Infrastructure;

public static class ServiceSetup
{
    public static TechSupportSettings AddTechSupport(this WebApplicationBuilder builder)
    {
        var settings = TechSupportSettings.Resolve(builder.Configuration, builder.Environment);
        Directory.CreateDirectory(settings.DataPath);
        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<PolicyStore>();
        services.AddScoped<FaultRules>();
        services.AddScoped<Notifier>();
        services.AddScoped<ClearanceNotices>();
        services.AddScoped<FaultWork>();
        services.AddOptions<NotificationOptions>().Bind(builder.Configuration.GetSection("Notifications")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddSingleton<MailDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<MailDispatcher>());
        services.AddOptions<AlertmanagerOptions>().Bind(builder.Configuration.GetSection(AlertmanagerOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.Labels.Suite) && !string.IsNullOrWhiteSpace(o.Labels.Equipment),
                "Integrations:Alertmanager:Labels:Suite and :Equipment name alert labels; leave them out for the defaults (suite, equipment).")
            .Validate(o => !o.Enabled || (o.Token?.Trim().Length ?? 0) >= AlertmanagerOptions.MinimumTokenLength,
                $"Integrations:Alertmanager:Token must be at least {AlertmanagerOptions.MinimumTokenLength} characters; use a long random secret.")
            .ValidateOnStart();
        services.AddSingleton<EscalationService>();
        services.AddHostedService(provider => provider.GetRequiredService<EscalationService>());

        services.AddTechSupportData(settings.Provider, settings.ConnectionString);
        services.AddTechSupportSearch(settings, builder.Configuration);
        services.AddTechSupportIdentity(builder.Configuration);
        services.AddTechSupportRateLimits(builder.Configuration);
        services.AddTechSupportSecurityHeaders();
        services.AddDataProtection()
            .SetApplicationName("TechSupport")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataPath, "keys")));
        builder.AddAttachments(settings);

        services.AddMediator((Mediator.MediatorOptions o) =>
        {
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.PipelineBehaviors =
            [
                typeof(LoggingBehaviour<,>),
                typeof(AuthorisationBehaviour<,>),
                typeof(ValidationBehaviour<,>),
                typeof(UnitOfWorkBehaviour<,>),
            ];
        });
        services.AddValidatorsFromAssemblyContaining<TechSupport.Application.Features.Faults.LogFaultValidator>(includeInternalTypes: true);
        services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
        services.AddScoped<DemoSeeder>();

        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new StrictEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
            // A field the API does not know is a mistake to name (a typo would otherwise be dropped in silence).
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddOpenApi();
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/");
            o.Conventions.AllowAnonymousToPage("/Account/Login");
            o.Conventions.AllowAnonymousToPage("/Error");
            o.Conventions.AddPageApplicationModelConvention("/Account/Login",
                m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.SignIn)));
            o.Conventions.AddPageApplicationModelConvention("/Search/Index",
                m => m.EndpointMetadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(RateLimits.Search)));
        }).AddMvcOptions(o =>
        {
            o.ModelBinderProviders.Insert(0, new StrictEnumModelBinderProvider());
            o.Filters.Add<PageErrorFilter>();
            o.Filters.Add<FacilityClockFilter>();
        });
        services.AddScoped<FacilityClock>();

        services.AddHealthChecks()
            .AddDbContextCheck<TechSupportDbContext>("database", HealthStatus.Unhealthy)
            .AddCheck<SearchHealthCheck>("search", HealthStatus.Degraded);
        return settings;
    }
}
