using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using TechSupport.Application.Identity;
using TechSupport.Web.Auth;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Endpoints;

public sealed record LoginRequest(string? Email, string? Password, string? TwoFactorCode = null, string? RecoveryCode = null);

public sealed record RefreshRequest(string? RefreshToken);

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Give your email address.");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Give your password.");
        RuleFor(x => x.TwoFactorCode).MaximumLength(32);
        RuleFor(x => x.RecoveryCode).MaximumLength(32);
    }
}

public sealed class RefreshRequestValidator : AbstractValidator<RefreshRequest>
{
    public RefreshRequestValidator() => RuleFor(x => x.RefreshToken).NotEmpty().WithMessage("Give the refresh token.");
}

public static class AuthEndpoints
{
    // In a 401 from login, what the client should do next: give a code ("required") or enrol on the pages ("enrol").
    public const string SecondFactorKey = "secondFactor";

    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");

        // No registration route: accounts are made by an administrator or the create-admin command.
        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (LoginRequest request,
            IValidator<LoginRequest> validator, SignInManager<AppUser> signIn, Authenticators authenticators) =>
        {
            await validator.ValidateAndThrowAsync(request);
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            // A locked account answers exactly as a wrong password does, so lockout is not an oracle.
            var result = await signIn.PasswordSignInAsync(request.Email!.Trim(), request.Password!, isPersistent: false,
                lockoutOnFailure: true);
            if (result.Succeeded)
            {
                return TypedResults.Empty;
            }

            // Only after the right password, so the answer tells nothing to someone who does not know it.
            if (!result.RequiresTwoFactor || await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user)
            {
                return WrongCredentials();
            }

            if (!await authenticators.IsEnrolledAsync(user))
            {
                return SecondFactorProblem("enrol", "Set up an authenticator app first.",
                    "Your role signs in with a second factor. Sign in once on the sign-in page (/account/login) to set up an "
                    + "authenticator app, then sign in here with twoFactorCode.");
            }

            if (string.IsNullOrWhiteSpace(request.TwoFactorCode) && string.IsNullOrWhiteSpace(request.RecoveryCode))
            {
                return SecondFactorProblem("required", "A second factor is needed.",
                    "Give twoFactorCode (the six digits your authenticator app shows) or one of your recovery codes as "
                    + "recoveryCode, beside your email and password.");
            }

            // A wrong code counts towards lockout like a wrong password.
            var second = string.IsNullOrWhiteSpace(request.RecoveryCode)
                ? await signIn.TwoFactorAuthenticatorSignInAsync(request.TwoFactorCode!, isPersistent: false, rememberClient: false)
                : await signIn.TwoFactorRecoveryCodeSignInAsync(request.RecoveryCode);
            return second.Succeeded
                ? TypedResults.Empty
                : SecondFactorProblem("required", "The code is not valid.",
                    "Give a current code from your authenticator app (each works once) or an unused recovery code.");
        }).AllowAnonymous().WithSummary("Sign in; answers {tokenType, accessToken, expiresIn, refreshToken}.").RequireRateLimiting(RateLimits.SignIn);

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>> (RefreshRequest request,
            IValidator<RefreshRequest> validator, SignInManager<AppUser> signIn, IServiceProvider services, TokenSessions sessions,
            MfaRequirement mfa, TimeProvider clock, CancellationToken ct) =>
        {
            await validator.ValidateAndThrowAsync(request, ct);
            var ticket = services.BearerOptions().RefreshTokenProtector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                || SessionClaims.Read(ticket.Principal) is not { } presented
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            {
                return NotValid();
            }

            // A session begun with the password alone ends once the user's role needs a second factor.
            if (!SessionClaims.PassedSecondFactor(ticket.Principal) && await mfa.IsRequiredAsync(signIn.UserManager, user))
            {
                await sessions.EndAsync(presented, ct);
                return SecondFactorProblem("required", "A second factor is needed.", "Sign in again with your authenticator code.");
            }

            if (await sessions.RotateAsync(user.Id, presented, ct) is not { } next)
            {
                return NotValid();
            }

            var principal = await signIn.CreateUserPrincipalAsync(user);
            SessionClaims.CarryOver(ticket.Principal, principal);
            principal.Identities.First().AddClaims(SessionClaims.For(next));
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        }).AllowAnonymous().WithSummary("Trade a refresh token (each works once) for a new access token and refresh token.")
            .RequireRateLimiting(RateLimits.SignIn);

        auth.MapPost("/logout", async Task<NoContent> (ClaimsPrincipal user, TokenSessions sessions, CancellationToken ct) =>
        {
            if (SessionClaims.Read(user) is { } session)
            {
                await sessions.EndAsync(session, ct);
            }

            return TypedResults.NoContent();
        }).RequireAuthorization(p => p.AddAuthenticationSchemes(IdentityConstants.BearerScheme).RequireAuthenticatedUser())
            .WithSummary("End this sign-in: its access token and refresh token stop working.");
    }

    private static ProblemHttpResult WrongCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong email or password.");

    private static ProblemHttpResult NotValid() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The refresh token is not valid.");

    private static ProblemHttpResult SecondFactorProblem(string next, string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: title, detail: detail,
            extensions: new Dictionary<string, object?> { [SecondFactorKey] = next });
}
