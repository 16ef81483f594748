using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using TechSupport.Application.Identity;
using TechSupport.Web.Auth;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Endpoints;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Give your email address.");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Give your password.");
    }
}

public sealed class RefreshRequestValidator : AbstractValidator<RefreshRequest>
{
    public RefreshRequestValidator() => RuleFor(x => x.RefreshToken).NotEmpty().WithMessage("Give the refresh token.");
}

public static class AuthEndpoints
{
    public static void MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").AllowAnonymous().WithTags("Auth");

        // No registration route: accounts are made by an administrator or the create-admin command.
        auth.MapPost("/login", async Task<Results<EmptyHttpResult, ProblemHttpResult>> (LoginRequest request,
            IValidator<LoginRequest> validator, SignInManager<AppUser> signIn) =>
        {
            await validator.ValidateAndThrowAsync(request);
            signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
            // A locked account answers exactly as a wrong password does, so lockout is not an oracle.
            var result = await signIn.PasswordSignInAsync(request.Email!.Trim(), request.Password!, isPersistent: false,
                lockoutOnFailure: true);
            return result.Succeeded ? TypedResults.Empty : WrongCredentials();
        }).WithSummary("Sign in; answers {tokenType, accessToken, expiresIn, refreshToken}.").RequireRateLimiting(RateLimits.SignIn);

        auth.MapPost("/refresh", async Task<Results<SignInHttpResult, ProblemHttpResult>> (RefreshRequest request,
            IValidator<RefreshRequest> validator, SignInManager<AppUser> signIn, IServiceProvider services, TimeProvider clock) =>
        {
            await validator.ValidateAndThrowAsync(request);
            var ticket = services.BearerOptions().RefreshTokenProtector.Unprotect(request.RefreshToken);
            if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The refresh token is not valid.");
            }

            var principal = await signIn.CreateUserPrincipalAsync(user);
            return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
        }).WithSummary("Trade a refresh token for a new access token.").RequireRateLimiting(RateLimits.SignIn);
    }

    private static ProblemHttpResult WrongCredentials() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Wrong email or password.");
}
