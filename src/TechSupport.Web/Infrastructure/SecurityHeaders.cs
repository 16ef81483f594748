namespace TechSupport.Web.Infrastructure;

// The headers every answer carries, pages, API, static files and error answers alike: they are added
// as the response starts, by middleware first in the pipeline, so an exception handler that clears
// the response cannot drop them.
public static class SecurityHeaders
{
    private const string ApiReference = "api-reference";
    private const string Api = "api";

    public static IServiceCollection AddTechSupportSecurityHeaders(this IServiceCollection services)
    {
        services.AddSecurityHeaderPolicies()
            .SetDefaultPolicy(p => Common(p).AddContentSecurityPolicy(Ours))
            .AddPolicy(ApiReference, p => Common(p))
            // Answers of the API may carry classified material: no cache, shared or private, keeps them.
            .AddPolicy(Api, p => Common(p).AddContentSecurityPolicy(Ours).AddCustomHeader("Cache-Control", "no-store"))
            .SetPolicySelector(context =>
            {
                var path = context.HttpContext.Request.Path;
                // The API reference page is the one that runs inline script (the Scalar viewer); every page
                // of ours takes script and style from its own files only, so injected markup cannot run.
                return path.StartsWithSegments("/api/reference") ? context.ConfiguredPolicies[ApiReference]
                    : path.StartsWithSegments("/api") ? context.ConfiguredPolicies[Api]
                    : context.SelectedPolicy;
            });
        return services;
    }

    private static HeaderPolicyCollection Common(HeaderPolicyCollection policies) => policies
        .AddContentTypeOptionsNoSniff()
        .AddFrameOptionsDeny()
        .AddReferrerPolicySameOrigin()
        .AddCrossOriginOpenerPolicy(o => o.SameOrigin())
        .AddCrossOriginResourcePolicy(o => o.SameOrigin())
        .AddPermissionsPolicyWithDefaultSecureDirectives()
        .RemoveServerHeader();

    private static void Ours(CspBuilder csp)
    {
        csp.AddDefaultSrc().Self();
        csp.AddScriptSrc().Self();
        csp.AddStyleSrc().Self();
        csp.AddImgSrc().Self().Data();
        csp.AddObjectSrc().None();
        csp.AddBaseUri().Self();
        csp.AddFormAction().Self();
        csp.AddFrameAncestors().None();
    }
}
