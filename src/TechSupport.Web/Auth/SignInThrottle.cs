using System.Threading.RateLimiting;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Web.Auth;

// Sign-in attempts per e-mail address, whether an account has it or not (so the limit tells nothing
// about which accounts exist), on the pages and the API alike. Lockout still counts wrong passwords;
// this also stops a flood of attempts spread over many addresses at one account.
public sealed class SignInThrottle(IConfiguration config) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = RateLimits.PerAccount(config, RateLimits.SignIn),
            Window = RateLimits.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }), StringComparer.Ordinal);

    public void Attempt(string email)
    {
        using var lease = _limiter.AttemptAcquire(email.Trim().ToUpperInvariant());
        if (!lease.IsAcquired)
        {
            throw new TooManyRequestsException(lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : RateLimits.Window);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
