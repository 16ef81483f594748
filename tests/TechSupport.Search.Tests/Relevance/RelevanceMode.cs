using System.Text.Json.Serialization;

namespace TechSupport.Search.Tests.Relevance;

// Which door of the engine a query goes through: the search page, or the log-fault form's suggestions.
[JsonConverter(typeof(JsonStringEnumConverter<RelevanceMode>))]
public enum RelevanceMode
{
    Search,
    Suggest,
}
