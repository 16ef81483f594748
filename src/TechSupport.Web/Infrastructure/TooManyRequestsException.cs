namespace TechSupport.Web.Infrastructure;

// Over a rate limit the middleware cannot see (an account named in the body): answered 429 with Retry-After.
public sealed class TooManyRequestsException(TimeSpan retryAfter)
    : Exception(RateLimits.TooMany(RateLimits.Seconds(retryAfter)))
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
