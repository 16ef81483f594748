using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;
using TechSupport.Web.Auth;
using TechSupport.Web.Endpoints;

namespace TechSupport.Web.Infrastructure;

public static class PipelineSetup
{
    public static void UseTechSupport(this WebApplication app)
    {
        app.UseSecurityHeaders();
        // Behind the documented TLS proxy the app sees plain HTTP; trusting the proxy's X-Forwarded-Proto
        // (only from the addresses configured) makes the request HTTPS again, so cookies go out Secure.
        if (app.Configuration["TechSupport:ForwardedHeaders:KnownProxies"] is { Length: > 0 } proxies)
        {
            var forwarded = new ForwardedHeadersOptions
            {
                ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            };
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var network = proxy.Contains('/') ? proxy : proxy + (proxy.Contains(':') ? "/128" : "/32");
                forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var known) ? known
                    : throw new InvalidOperationException(
                        $"TechSupport:ForwardedHeaders:KnownProxies lists '{proxy}', which is not an IP address or network (CIDR)."));
            }

            app.UseForwardedHeaders(forwarded);
        }

        app.UseExceptionHandler();
        // The API answers problem details; pages answer a friendly page.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages(ApiStatusCodes.WriteAsync));
        app.UseWhen(c => !c.Request.Path.StartsWithSegments("/api"), pages => pages.UseStatusCodePagesWithReExecute("/error/{0}"));
        // TLS ends at a reverse proxy in production; redirect and HSTS only when asked for.
        if (app.Configuration.GetValue("TechSupport:HttpsRedirection", false))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseMiddleware<CurrentUserMiddleware>();
        app.UseMiddleware<SecondFactorGate>();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapScalarApiReference("/api/reference", o => o.WithTitle("TechSupport API").WithOpenApiRoutePattern("/openapi/{documentName}.json"))
            .AllowAnonymous();

        app.MapAuthEndpoints();
        app.MapAlertmanagerWebhook();
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser());
        api.MapUserEndpoints();
        api.MapFacilityEndpoints();
        api.MapImportEndpoints();
        api.MapSearchEndpoints();
        api.MapArticleEndpoints();
        api.MapFaultEndpoints();
        api.MapAttachmentEndpoints();
        api.MapEscalationEndpoints();
        api.MapIntegrationEndpoints();
        api.MapNotificationEndpoints();
        api.MapAuditEndpoints();
        app.MapRazorPages();
    }
}
