using Microsoft.Extensions.Logging;

namespace TechSupport.Search.Elasticsearch;

// What the adapter logs: operations, index names, keys, statuses and the engine's error types. Never a
// document's text, a query's text or a credential (the engine's own reason may quote them: Debug only).
internal static partial class ElasticsearchLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Warning,
        Message = "Elasticsearch {Operation} failed in transport after retries")]
    public static partial void TransportFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning,
        Message = "Elasticsearch {Operation} answered {Status}: {ErrorType} (root cause {RootCauseType})")]
    public static partial void EngineRefused(ILogger logger, string operation, int status, string errorType, string rootCauseType);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Debug,
        Message = "Elasticsearch {Operation} error reason: {Reason}")]
    public static partial void EngineReason(ILogger logger, string operation, string reason);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning,
        Message = "Elasticsearch {Operation} answered with a body the adapter cannot read")]
    public static partial void UnreadableAnswer(ILogger logger, string operation, Exception exception);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning,
        Message = "Elasticsearch refused document {Key} in {Operation}: {Status} {ErrorType}")]
    public static partial void BulkItemRefused(ILogger logger, string operation, string key, int status, string errorType);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Information,
        Message = "Putting Elasticsearch index template {Template} with {SynonymRules} synonym rules")]
    public static partial void PuttingTemplate(ILogger logger, string template, int synonymRules);

    [LoggerMessage(EventId = 4106, Level = LogLevel.Warning,
        Message = "Synonym file {Path} not found: Elasticsearch searches without synonyms")]
    public static partial void SynonymsMissing(ILogger logger, string path);

    [LoggerMessage(EventId = 4107, Level = LogLevel.Information,
        Message = "Created Elasticsearch index {Index} behind alias {Alias}")]
    public static partial void IndexCreated(ILogger logger, string index, string alias);

    [LoggerMessage(EventId = 4108, Level = LogLevel.Information,
        Message = "Started rebuilding into Elasticsearch index {Index}")]
    public static partial void RebuildStarted(ILogger logger, string index);

    [LoggerMessage(EventId = 4109, Level = LogLevel.Information,
        Message = "Alias {Alias} now points to {Index} (was {Previous})")]
    public static partial void AliasSwapped(ILogger logger, string alias, string index, string previous);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information,
        Message = "Deleted Elasticsearch index {Index}")]
    public static partial void IndexDeleted(ILogger logger, string index);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Warning,
        Message = "Could not delete Elasticsearch index {Index}; delete it by hand")]
    public static partial void IndexNotDeleted(ILogger logger, string index, Exception exception);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Information,
        Message = "Discarded uncommitted rebuild index {Index}")]
    public static partial void RebuildDiscarded(ILogger logger, string index);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Warning,
        Message = "Elasticsearch health check failed")]
    public static partial void HealthFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Warning,
        Message = "The index behind {Alias} keeps its older mappings; run reindex to build one from the current template")]
    public static partial void MappingsKept(ILogger logger, string alias);
}
