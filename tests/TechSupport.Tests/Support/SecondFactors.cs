using System.Collections.Concurrent;

namespace TechSupport.Tests.Support;

// The authenticators of the users the test support signed in, so that admins and managers sign in through
// the real second factor. The fake clock stands still and a code works once, so a user signing in again
// within the same 30 seconds gives one of their recovery codes instead; when one is left, it signs in to
// the pages and makes ten new ones on the account security page, as a person would.
public sealed class SecondFactors(TechSupportApp app)
{
    private readonly ConcurrentDictionary<string, Enrolment> _enrolments = new(StringComparer.OrdinalIgnoreCase);

    public bool IsEnrolled(string email) => _enrolments.ContainsKey(email);

    public void Enrolled(string email, string key, IEnumerable<string> recoveryCodes, long usedStep) =>
        _enrolments[email] = new Enrolment(new AuthenticatorApp(key), new Queue<string>(recoveryCodes), usedStep);

    public async Task<SecondFactor> NextAsync(string email, string password)
    {
        var enrolment = _enrolments.TryGetValue(email, out var found) ? found
            : throw new InvalidOperationException($"{email} has an authenticator the test support did not set up.");
        await enrolment.Turn.WaitAsync();
        try
        {
            var step = AuthenticatorApp.Step(app.Clock.GetUtcNow());
            if (step > enrolment.LastStep)
            {
                enrolment.LastStep = step;
                return new SecondFactor(enrolment.App.CodeOfStep(step), null);
            }

            if (enrolment.RecoveryCodes.Count == 1)
            {
                var pages = await PageSession.SignInWithRecoveryCodeAsync(app, email, password, enrolment.RecoveryCodes.Dequeue());
                foreach (var code in await pages.NewRecoveryCodesAsync())
                {
                    enrolment.RecoveryCodes.Enqueue(code);
                }
            }

            return new SecondFactor(null, enrolment.RecoveryCodes.Dequeue());
        }
        finally
        {
            enrolment.Turn.Release();
        }
    }

    private sealed class Enrolment(AuthenticatorApp authenticator, Queue<string> recoveryCodes, long lastStep)
    {
        public AuthenticatorApp App { get; } = authenticator;
        public Queue<string> RecoveryCodes { get; } = recoveryCodes;
        public long LastStep { get; set; } = lastStep;
        public SemaphoreSlim Turn { get; } = new(1, 1);
    }
}

public sealed record SecondFactor(string? Code, string? RecoveryCode);
