using Microsoft.Extensions.Options;
using MimeKit;

namespace TechSupport.Application.Notifications;

// Refuses mail settings that could never send, at start rather than at the first escalation.
public sealed class NotificationOptionsValidator : IValidateOptions<NotificationOptions>
{
    private const string Section = "Notifications:Smtp";

    public ValidateOptionsResult Validate(string? name, NotificationOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var baseUrl)
            || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Notifications:BaseUrl must be an absolute http or https address (where the links in e-mails point).");
        }

        if (options.MailEnabled)
        {
            var smtp = options.Smtp;
            if (smtp.Port is < 1 or > 65_535)
            {
                failures.Add($"{Section}:Port must be from 1 to 65535.");
            }

            if (!MailboxAddress.TryParse(smtp.From, out var from) || !from.Address.Contains('@', StringComparison.Ordinal))
            {
                failures.Add($"{Section}:From must be an e-mail address, e.g. techsupport@facility.example.");
            }

            if (string.IsNullOrEmpty(smtp.Username) != string.IsNullOrEmpty(smtp.Password))
            {
                failures.Add($"{Section}:Username and {Section}:Password go together.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
