namespace TechSupport.Application.Integrations;

// Integrations:Alertmanager (DESIGN: configuration keys). The webhook is off while Token is empty;
// Labels names the alert labels that find the suite and the equipment, for a monitoring set-up that
// labels them otherwise (e.g. `room` and `asset`).
public sealed class AlertmanagerOptions
{
    public const string Section = "Integrations:Alertmanager";

    // A shared secret guessed by trying is worth little, so a short one is refused at start.
    public const int MinimumTokenLength = 16;

    public string? Token { get; set; }
    public AlertLabelOptions Labels { get; set; } = new();
    public bool Enabled => !string.IsNullOrWhiteSpace(Token);
}

public sealed class AlertLabelOptions
{
    public string Suite { get; set; } = "suite";
    public string Equipment { get; set; } = "equipment";
}
