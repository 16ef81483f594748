namespace TechSupport.Application.Notifications;

// Notifications:Smtp:* (DESIGN: configuration keys); e-mail is off while Host is empty.
// Notifications:BaseUrl is where the links in e-mails point.
public sealed class NotificationOptions
{
    public string BaseUrl { get; set; } = "http://localhost:5080";
    public SmtpOptions Smtp { get; set; } = new();
    public bool MailEnabled => !string.IsNullOrWhiteSpace(Smtp.Host);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "techsupport@localhost";
    public string? Username { get; set; }
    public string? Password { get; set; }
    public bool UseTls { get; set; }
}
