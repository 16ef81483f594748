using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Escalation;
using TechSupport.Application.Data.Configurations;

namespace TechSupport.Application.Features.Faults;

public sealed record CommentOnFault(Guid Id, string? Text, int? ExpectedVersion = null) : ICommand<FaultView>, IVersioned;

public sealed class CommentOnFaultValidator : AbstractValidator<CommentOnFault>
{
    public CommentOnFaultValidator() =>
        RuleFor(x => x.Text).NotEmpty().WithMessage("Write a comment.").MaximumLength(FaultEventConfiguration.TextLength);
}

public sealed class CommentOnFaultHandler(FaultWork work) : ICommandHandler<CommentOnFault, FaultView>
{
    public async ValueTask<FaultView> Handle(CommentOnFault command, CancellationToken cancellationToken)
    {
        var fault = await work.LoadAsync(command.Id, command, cancellationToken);
        fault.Comment(command.Text!, work.Actor, work.Now);
        return await work.DoneAsync(fault, FaultChange.Commented, cancellationToken);
    }
}
