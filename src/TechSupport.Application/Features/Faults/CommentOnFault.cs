using FluentValidation;
using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Data.Configurations;

namespace TechSupport.Application.Features.Faults;

public sealed record CommentOnFault(Guid Id, string? Text, int? ExpectedVersion = null) : ICommand<FaultView>, IVersioned;

public sealed class CommentOnFaultValidator : AbstractValidator<CommentOnFault>
{
    public CommentOnFaultValidator() =>
        RuleFor(x => x.Text).NotEmpty().WithMessage("Write a comment.").MaximumLength(FaultEventConfiguration.TextLength);
}

public sealed class CommentOnFaultHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<CommentOnFault, FaultView>
{
    public async ValueTask<FaultView> Handle(CommentOnFault command, CancellationToken cancellationToken)
    {
        var fault = await db.VisibleFaultAsync(user, command.Id, cancellationToken);
        fault.CheckVersion(command);
        fault.Comment(command.Text!, user.Actor, clock.GetUtcNow());
        return await db.ViewAsync(fault, cancellationToken);
    }
}
