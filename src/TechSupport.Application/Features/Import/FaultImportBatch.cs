namespace TechSupport.Application.Features.Import;

// What a reader made of a body: the records it could read, and an error for each one it could not.
public sealed record FaultImportBatch(IReadOnlyList<FaultImportRow> Rows, IReadOnlyList<ImportError> Errors);
