using System.Globalization;
using System.Security.Claims;

namespace TechSupport.Web.Auth;

// Claims of ours in a signed-in principal. Both tokens of an API sign-in carry its session's id and
// generation; "amr" (Identity's: "mfa" after a second factor, "pwd" without) and the exemption say how the
// user proved who they are, and survive every re-issue of the principal (refresh, security-stamp check).
public static class SessionClaims
{
    public const string Session = "techsupport:session";
    public const string Generation = "techsupport:generation";
    public const string MfaExempt = "techsupport:mfa_exempt";
    public const string Method = "amr";
    public const string SecondFactor = "mfa";

    public static Claim[] For(SessionTicket ticket) =>
    [
        new(Session, ticket.Id.ToString()),
        new(Generation, ticket.Generation.ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer32),
    ];

    public static SessionTicket? Read(ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(Session), out var id)
        && int.TryParse(principal.FindFirstValue(Generation), NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
            ? new SessionTicket(id, generation)
            : null;

    public static bool PassedSecondFactor(ClaimsPrincipal principal) => principal.HasClaim(Method, SecondFactor);

    public static bool IsExempt(ClaimsPrincipal principal) => principal.HasClaim(MfaExempt, "true");

    // How the user signed in, copied from the principal being replaced into its successor.
    public static void CarryOver(ClaimsPrincipal from, ClaimsPrincipal to)
    {
        var carried = from.Claims.Where(c => c.Type is Method or MfaExempt)
            .Select(c => new Claim(c.Type, c.Value, c.ValueType))
            .Where(c => !to.HasClaim(c.Type, c.Value))
            .ToList();
        if (carried.Count > 0 && to.Identities.FirstOrDefault() is { } identity)
        {
            identity.AddClaims(carried);
        }
    }
}
