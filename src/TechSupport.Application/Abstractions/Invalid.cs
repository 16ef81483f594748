using FluentValidation;
using FluentValidation.Results;

namespace TechSupport.Application.Abstractions;

public static class Invalid
{
    // A body field that names a record which is absent or not visible: 400 naming the field (S3).
    public static ValidationException Field(string field, string message) =>
        new(message, [new ValidationFailure(field, message)]);
}
