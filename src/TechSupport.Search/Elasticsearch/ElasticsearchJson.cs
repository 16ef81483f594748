using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TechSupport.Search.Elasticsearch;

// How request and response bodies are (de)serialised: Elasticsearch's snake_case names from the naming
// policy, explicit names where the API uses a leading underscore or our documents use camelCase.
internal static class ElasticsearchJson
{
    public static readonly MediaTypeHeaderValue Json = new("application/json");

    public static readonly MediaTypeHeaderValue NdJson = new("application/x-ndjson");

    // Frozen by MakeReadOnly, so sharing it is safe and it is not mutable state.
    public static JsonSerializerOptions Options { get; } = Create();

    public static ByteArrayContent Content<T>(T body)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, Options));
        content.Headers.ContentType = Json;
        return content;
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        };
        options.MakeReadOnly();
        return options;
    }
}
