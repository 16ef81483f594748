using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace TechSupport.Tests.Support;

public static class Problems
{
    // A 400 problem-details body whose errors name the field; returns the field's messages.
    public static async Task<string[]> AssertFieldErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var errors = body.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages),
            $"Expected an error for '{field}', got: {errors}");
        return messages.EnumerateArray().Select(m => m.GetString()!).ToArray();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
