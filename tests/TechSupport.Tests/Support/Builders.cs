using System.Net.Http.Json;
using System.Text.Json;
using Bogus;
using TechSupport.Domain;

namespace TechSupport.Tests.Support;

public sealed class SuiteBuilder
{
    private static readonly Faker Faker = new() { Random = new Randomizer(7) };
    private string _name = $"{Faker.PickRandom("Grade", "Edit", "Online", "Dub")} {Guid.NewGuid().ToString("N")[..6]}";
    private SuiteType _type = SuiteType.Grade;
    private readonly List<object> _equipment = [];

    public SuiteBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public SuiteBuilder OfType(SuiteType type)
    {
        _type = type;
        return this;
    }

    public SuiteBuilder WithEquipment(EquipmentKind kind, string make, string model, string? firmware = null)
    {
        _equipment.Add(new { kind = kind.ToString(), make, model, firmware });
        return this;
    }

    public async Task<Guid> SendAsync(HttpClient manager)
    {
        var response = await manager.PostAsJsonAsync("/api/v1/suites", new { name = _name, suiteType = _type.ToString() });
        response.EnsureSuccessStatusCode();
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var item in _equipment)
        {
            (await manager.PostAsJsonAsync($"/api/v1/suites/{id}/equipment", item)).EnsureSuccessStatusCode();
        }

        return id;
    }
}

public sealed class ProductionBuilder
{
    private Classification _classification = Classification.Standard;
    private readonly string _name = $"Production {Guid.NewGuid().ToString("N")[..8]}";
    private object _spec = new { resolution = "3840x2160", frameRate = "23.976", codec = "ProRes 4444 XQ", loudnessTarget = "-23 LUFS", bitDepth = "10-bit" };
    private DateTimeOffset _deadline = new(2026, 12, 18, 17, 0, 0, TimeSpan.Zero);

    public ProductionBuilder DeliveringAt(DateTimeOffset deadline)
    {
        _deadline = deadline;
        return this;
    }

    public ProductionBuilder WithSpec(object deliverableSpec, string deliveryDeadline)
    {
        _spec = deliverableSpec;
        _deadline = DateTimeOffset.Parse(deliveryDeadline, System.Globalization.CultureInfo.InvariantCulture);
        return this;
    }

    public ProductionBuilder Classified(Classification classification)
    {
        _classification = classification;
        return this;
    }

    // The deliverable spec as the API takes it, e.g. new { bitDepth = "10", frameRate = "23.976" }.
    public ProductionBuilder Delivering(object spec)
    {
        _spec = spec;
        return this;
    }

    public async Task<Guid> SendAsync(HttpClient manager)
    {
        var response = await manager.PostAsJsonAsync("/api/v1/productions", new
        {
            name = _name,
            classification = _classification.ToString(),
            deliverableSpec = _spec,
            deliveryDeadline = _deadline,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

public sealed class FaultBuilder(Guid suiteId)
{
    private static readonly Faker Faker = new() { Random = new Randomizer(42) };
    private Guid? _productionId;
    private Guid? _equipmentId;
    private string _title = Faker.PickRandom(
        "Resolve stutters on playback from the SAN", "SDI output drops to black", "Pro Tools AAE -9173 on session open",
        "LTO-9 medium error during archive write");
    private string _symptoms = "Dropped frames after the 19.1 update; client in the room.";
    private Severity _severity = Severity.P2;
    private bool _securityIncident;
    private bool _healthAndSafety;
    private FaultCategory _category = FaultCategory.Storage;
    private object? _impact;

    public FaultBuilder WithImpact(decimal sessionHoursLost, decimal estimatedCost, bool deadlineAtRisk)
    {
        _impact = new { sessionHoursLost, estimatedCost, deadlineAtRisk };
        return this;
    }

    public FaultBuilder For(Guid productionId)
    {
        _productionId = productionId;
        return this;
    }

    public FaultBuilder On(Guid equipmentId)
    {
        _equipmentId = equipmentId;
        return this;
    }

    public FaultBuilder Titled(string title, string? symptoms = null)
    {
        _title = title;
        _symptoms = symptoms ?? _symptoms;
        return this;
    }

    public FaultBuilder WithSeverity(Severity severity)
    {
        _severity = severity;
        return this;
    }

    public FaultBuilder AsSecurityIncident()
    {
        _securityIncident = true;
        return this;
    }

    public FaultBuilder AsHealthAndSafety()
    {
        _healthAndSafety = true;
        return this;
    }

    public FaultBuilder In(FaultCategory category)
    {
        _category = category;
        return this;
    }

    public object Body => new
    {
        suiteId,
        equipmentId = _equipmentId,
        productionId = _productionId,
        title = _title,
        symptoms = _symptoms,
        workflowStage = "Grade",
        category = _category.ToString(),
        severity = _severity.ToString(),
        securityIncident = _securityIncident,
        healthAndSafety = _healthAndSafety,
        impact = _impact,
    };

    public async Task<JsonElement> SendAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/faults", Body);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

public static class AttachmentUploads
{
    // One file attached to a fault through the API, as a form post would send it; answers its id.
    public static async Task<Guid> AttachAsync(this HttpClient client, Guid faultId, string name, byte[] bytes)
    {
        using var content = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        var created = await client.PostAsync($"/api/v1/faults/{faultId}/attachments", content);
        Assert.True(created.StatusCode == System.Net.HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
    }
}
