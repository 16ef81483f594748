using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using TechSupport.Application.Data;
using TechSupport.Application.Identity;

namespace TechSupport.Web.Auth;

public static class AuthenticationSetup
{
    public const string Smart = "TechSupport";

    public static IServiceCollection AddTechSupportIdentity(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<PasswordHasherOptions>(o =>
        {
            // PBKDF2 with HMAC-SHA512 (format V3); OWASP asks for at least 210,000 iterations.
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            o.IterationCount = config.GetValue("Identity:PasswordHashIterations", 210_000);
        });

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<Microsoft.AspNetCore.Identity.IdentityRole<Guid>>()
            .AddEntityFrameworkStores<TechSupportDbContext>()
            .AddSignInManager<TechSupportSignInManager>()
            .AddDefaultTokenProviders()
            // In place of Identity's authenticator provider, under its name: the same codes, each accepted once.
            .AddTokenProvider<OneTimeAuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider);
        services.AddSingleton<DecoyPassword>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton(MfaRequirement.From(config));
        services.AddScoped<Authenticators>();
        services.AddScoped<TokenSessions>();
        services.AddScoped<TokenSessionEvents>();
        // The security-stamp check re-issues the cookie's principal every half hour; how the user signed in
        // (second factor or not) goes with it, or the second-factor gate would send them to sign in again.
        services.Configure<SecurityStampValidatorOptions>(o => o.OnRefreshingPrincipal = context =>
        {
            if (context is { CurrentPrincipal: { } current, NewPrincipal: { } renewed })
            {
                SessionClaims.CarryOver(current, renewed);
            }

            return Task.CompletedTask;
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Smart;
                o.DefaultChallengeScheme = Smart;
            })
            .AddPolicyScheme(Smart, "Cookie for pages, bearer token for the API", o =>
                o.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    || context.Request.Path.StartsWithSegments("/api")
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/account/login";
                o.LogoutPath = "/account/logout";
                o.AccessDeniedPath = "/account/denied";
                o.Cookie.Name = "techsupport";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = SecurityStampValidator.ValidatePrincipalAsync;
            })
            // Between the password and the second factor: who proved the password, for the code pages only.
            .AddCookie(IdentityConstants.TwoFactorUserIdScheme, o =>
            {
                o.Cookie.Name = "techsupport.2fa";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.Path = "/account";
                o.ExpireTimeSpan = TimeSpan.FromMinutes(10);
                o.SlidingExpiration = true;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromMinutes(config.GetValue("Identity:AccessTokenMinutes", 15));
                o.RefreshTokenExpiration = TimeSpan.FromHours(config.GetValue("Identity:RefreshTokenHours", 12));
                o.EventsType = typeof(TokenSessionEvents);
            });

        services.AddAuthorization();
        services.AddScoped<HttpCurrentUser>();
        services.AddScoped<Application.Abstractions.ICurrentUser>(sp => sp.GetRequiredService<HttpCurrentUser>());
        services.AddScoped<UserAccounts>();
        return services;
    }

    public static BearerTokenOptions BearerOptions(this IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<BearerTokenOptions>>()
            .Get(IdentityConstants.BearerScheme);

}
