using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using TechSupport.Application.Data;

namespace TechSupport.Application.Notifications;

// Sends the mail queued with each change (MailOutbox) through SMTP. A row is claimed before it is
// sent, so two instances (or a test's SendOnceAsync beside the loop) never send one twice; a failure
// waits longer each time, up to ten minutes, and never loses the row. Waits on TimeProvider.
public sealed partial class MailDispatcher(
    IServiceScopeFactory scopes,
    IOptions<NotificationOptions> options,
    MailSignal signal,
    WriteGate gate,
    TimeProvider clock,
    ILogger<MailDispatcher> logger) : BackgroundService
{
    public const int BatchSize = 50;
    private static readonly TimeSpan FirstBackOff = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(10);
    // Another instance may queue mail too, and its commits do not wake this one.
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(30);
    // How long a claimed row is left alone; one whose sender died is sent again after this.
    private static readonly TimeSpan Claim = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan SmtpTimeout = TimeSpan.FromSeconds(30);

    private readonly NotificationOptions _options = options.Value;
    private readonly SemaphoreSlim _turn = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.MailEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Poll;
            try
            {
                while (await SendOnceAsync(stoppingToken) == BatchSize)
                {
                    // A full batch went out: there may be more waiting.
                }

                wait = await UntilNextDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                DispatchFailed(logger, ex);
            }

            using var timer = new CancellationTokenSource(wait, clock);
            using var wake = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timer.Token);
            try
            {
                await signal.WaitAsync(wake.Token);
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                // The wait is over: something may be due now.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Sends what is due now in one SMTP session; answers how many messages went out.
    public async Task<int> SendOnceAsync(CancellationToken ct)
    {
        if (!_options.MailEnabled)
        {
            return 0;
        }

        await _turn.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
            var claimed = await ClaimAsync(db, ct);
            return claimed.Count == 0 ? 0 : await SendAsync(db, claimed, ct);
        }
        finally
        {
            _turn.Release();
        }
    }

    public override void Dispose()
    {
        _turn.Dispose();
        base.Dispose();
    }

    private async Task<List<MailMessage>> ClaimAsync(TechSupportDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await db.MailOutbox.AsNoTracking().Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id).Take(BatchSize).ToListAsync(ct);
        var claimed = new List<MailMessage>(due.Count);
        using var turn = await gate.EnterAsync(ct);
        foreach (var mail in due)
        {
            // Taken only if nobody moved it since it was read.
            var seen = mail.NextAttemptAt;
            var taken = await db.MailOutbox.Where(m => m.Id == mail.Id && m.SentAt == null && m.NextAttemptAt == seen)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.NextAttemptAt, now + Claim), ct);
            if (taken == 1)
            {
                claimed.Add(mail);
            }
        }

        return claimed;
    }

    private async Task<int> SendAsync(TechSupportDbContext db, List<MailMessage> claimed, CancellationToken ct)
    {
        using var client = new SmtpClient { Timeout = (int)SmtpTimeout.TotalMilliseconds };
        try
        {
            await ConnectAsync(client, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await PostponeAsync(db, claimed, ex, ct);
            return 0;
        }

        var sent = 0;
        for (var i = 0; i < claimed.Count; i++)
        {
            var mail = claimed[i];
            try
            {
                await client.SendAsync(Compose(mail), ct);
            }
            catch (Exception ex) when (ex is SmtpCommandException or ParseException)
            {
                // This message was refused (or cannot be addressed); the session still serves the others.
                await PostponeAsync(db, [mail], ex, ct);
                continue;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await PostponeAsync(db, claimed.GetRange(i, claimed.Count - i), ex, ct);
                return sent;
            }

            await MarkSentAsync(db, mail, ct);
            sent++;
        }

        if (sent > 0)
        {
            Sent(logger, sent);
        }

        try
        {
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Everything went out already; a failed goodbye changes nothing.
            GoodbyeFailed(logger, ex.GetType().Name);
        }

        return sent;
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken ct)
    {
        var smtp = _options.Smtp;
        var security = !smtp.UseTls ? SecureSocketOptions.None
            : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect
            : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host ?? "", smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
        }
    }

    private MimeMessage Compose(MailMessage mail)
    {
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            Date = mail.EnqueuedAt,
            // One id per row: a receiver that sees a message again (sent, then not marked) can tell.
            MessageId = string.Create(CultureInfo.InvariantCulture,
                $"techsupport.{mail.Id}.{mail.EnqueuedAt.ToUnixTimeMilliseconds()}@{MailDomain()}"),
            Body = new TextPart(TextFormat.Plain) { Text = mail.Body },
        };
        message.From.Add(MailboxAddress.Parse(_options.Smtp.From));
        message.To.Add(MailboxAddress.Parse(mail.To));
        return message;
    }

    private string MailDomain()
    {
        var from = _options.Smtp.From;
        var at = from.LastIndexOf('@');
        return at >= 0 ? from[(at + 1)..].Trim().TrimEnd('>') : "localhost";
    }

    private async Task MarkSentAsync(TechSupportDbContext db, MailMessage mail, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        using var turn = await gate.EnterAsync(ct);
        await db.MailOutbox.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), ct);
    }

    private async Task PostponeAsync(TechSupportDbContext db, List<MailMessage> failed, Exception ex, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The server's answer or the socket's complaint; never the message, which may name a fault.
        var error = $"{ex.GetType().Name}: {ex.Message}";
        error = error.Length > 1_000 ? error[..1_000] : error;
        using var turn = await gate.EnterAsync(ct);
        foreach (var mail in failed)
        {
            var attempts = mail.Attempts + 1;
            var wait = BackOff(attempts);
            await db.MailOutbox.Where(m => m.Id == mail.Id).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.NextAttemptAt, now + wait)
                .SetProperty(m => m.LastError, error), ct);
            Postponed(logger, mail.Id, attempts, wait.TotalSeconds, ex.GetType().Name);
        }
    }

    // 5 s, 10 s, 20 s … up to ten minutes: a long outage costs a probe every ten minutes.
    public static TimeSpan BackOff(int attempts) =>
        TimeSpan.FromSeconds(Math.Min(FirstBackOff.TotalSeconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30)), MaxBackOff.TotalSeconds));

    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var next = await db.MailOutbox.AsNoTracking().Where(m => m.SentAt == null).OrderBy(m => m.NextAttemptAt)
            .Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
        if (next is not { } due)
        {
            return Poll;
        }

        var wait = due - clock.GetUtcNow();
        return wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > Poll ? Poll : wait;
    }

    [LoggerMessage(LogLevel.Information, "Sent {Count} notification e-mails")]
    private static partial void Sent(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "Mail {MailId} not sent (attempt {Attempt}, next in {Seconds} s): {Error}")]
    private static partial void Postponed(ILogger logger, long mailId, int attempt, double seconds, string error);

    [LoggerMessage(LogLevel.Debug, "The SMTP session did not close cleanly: {Error}")]
    private static partial void GoodbyeFailed(ILogger logger, string error);

    [LoggerMessage(LogLevel.Error, "The mail dispatcher failed")]
    private static partial void DispatchFailed(ILogger logger, Exception exception);
}
