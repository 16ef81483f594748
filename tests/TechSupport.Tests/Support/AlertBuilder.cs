using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace TechSupport.Tests.Support;

// The app with the Alertmanager webhook on.
public sealed class AlertmanagerApp : TechSupportApp
{
    public const string Token = "test-alertmanager-token-0123456789";
    public const string Route = "/api/v1/integrations/alertmanager";

    public AlertmanagerApp() => With("Integrations:Alertmanager:Token", Token);

    // A client as Alertmanager is one: no user, only the webhook's bearer token.
    public HttpClient Alertmanager(string? token = Token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }
}

// One Alertmanager alert as its webhook (version 4) carries it; the fingerprint is unique unless a test says otherwise.
public sealed class AlertBuilder
{
    private readonly Dictionary<string, string> _labels = new() { ["alertname"] = "NexisStorageCapacityLow" };
    private readonly Dictionary<string, string> _annotations = new()
    {
        ["summary"] = "Shared storage volume over 95 % full",
        ["description"] = "The media volume has 180 GB left; renders will fail when it fills.",
    };

    private string _status = "firing";
    private DateTimeOffset _startsAt = new(2026, 11, 23, 9, 58, 12, 345, TimeSpan.Zero);
    private DateTimeOffset? _endsAt;

    public string Fingerprint { get; private set; } = Guid.NewGuid().ToString("N")[..16];

    public AlertBuilder Named(string alertName) => Labelled("alertname", alertName);

    public AlertBuilder On(string suite, string? equipment = null)
    {
        _labels["suite"] = suite;
        if (equipment is not null)
        {
            _labels["equipment"] = equipment;
        }

        return this;
    }

    public AlertBuilder Labelled(string name, string value)
    {
        _labels[name] = value;
        return this;
    }

    public AlertBuilder Annotated(string name, string? value)
    {
        if (value is null)
        {
            _annotations.Remove(name);
        }
        else
        {
            _annotations[name] = value;
        }

        return this;
    }

    public AlertBuilder WithFingerprint(string fingerprint)
    {
        Fingerprint = fingerprint;
        return this;
    }

    // Firing (again) since the given instant.
    public AlertBuilder FiringSince(DateTimeOffset startsAt)
    {
        _status = "firing";
        _startsAt = startsAt;
        _endsAt = null;
        return this;
    }

    public AlertBuilder ResolvedAt(DateTimeOffset endsAt)
    {
        _status = "resolved";
        _endsAt = endsAt;
        return this;
    }

    public object Body => new
    {
        status = _status,
        labels = new Dictionary<string, string>(_labels),
        annotations = new Dictionary<string, string>(_annotations),
        // Alertmanager writes nanoseconds, and the zero time for an alert that has not ended.
        startsAt = _startsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'01Z'", System.Globalization.CultureInfo.InvariantCulture),
        endsAt = _endsAt is { } end
            ? end.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)
            : "0001-01-01T00:00:00Z",
        generatorURL = "http://prometheus.facility.test:9090/graph?g0.expr=nexis_free_ratio+%3C+0.05",
        fingerprint = Fingerprint,
    };

    public static object Payload(params AlertBuilder[] alerts) => new
    {
        version = "4",
        groupKey = "{}:{alertname=\"facility\"}",
        truncatedAlerts = 0,
        status = alerts.Any(a => a._status == "firing") ? "firing" : "resolved",
        receiver = "techsupport",
        groupLabels = new Dictionary<string, string>(),
        commonLabels = new Dictionary<string, string>(),
        commonAnnotations = new Dictionary<string, string>(),
        externalURL = "http://alertmanager.facility.test:9093",
        alerts = alerts.Select(a => a.Body).ToArray(),
    };

    public Task<HttpResponseMessage> SendAsync(HttpClient alertmanager) =>
        alertmanager.PostAsJsonAsync(AlertmanagerApp.Route, Payload(this));
}
