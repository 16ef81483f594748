using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Tests.Support;

public static class Escalations
{
    // One pass of the escalation service, as its timer runs it.
    public static async Task<int?> EvaluateAsync(this TechSupportApp app) =>
        await app.Services.GetRequiredService<EscalationService>().RunOnceAsync(CancellationToken.None);

    public static async Task<JsonElement> FaultAsync(this HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/v1/faults/{id}")).JsonAsync();

    public static async Task<List<JsonElement>> TimelineAsync(this HttpClient client, Guid id) =>
        [.. (await (await client.GetAsync($"/api/v1/faults/{id}/timeline")).JsonAsync()).GetProperty("items").EnumerateArray()];

    public static async Task<Guid> IdOfAsync(this Task<JsonElement> fault) => (await fault).GetProperty("id").GetGuid();

    public static string Text(this JsonElement item) => item.GetProperty("text").GetString()!;

    public static string Kind(this JsonElement item) => item.GetProperty("kind").GetString()!;

    public static async Task<HttpResponseMessage> PutPolicyAsync(this HttpClient admin, Action<Dictionary<string, JsonElement>> change)
    {
        var policy = await (await admin.GetAsync("/api/v1/admin/escalation-policy")).Content
            .ReadFromJsonAsync<Dictionary<string, JsonElement>>();
        change(policy!);
        return await admin.PutAsJsonAsync("/api/v1/admin/escalation-policy", policy);
    }

    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value, TechSupportApp.Json);
}

// Tests that move the clock by hours or days: sign-ins last a year so a bearer token and its session outlive the jump.
public sealed class ClockworkApp : TechSupportApp
{
    public ClockworkApp()
        : this(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero))
    {
    }

    private ClockworkApp(DateTimeOffset start)
        : base(start) => With("Identity:AccessTokenMinutes", "525600").With("Identity:RefreshTokenHours", "8760");

    // xunit wants one public constructor on a fixture; a test that starts at another time asks here.
    public static ClockworkApp StartingAt(DateTimeOffset start) => new(start);
}
