using Mediator;
using TechSupport.Application.Data;
using TechSupport.Application.Outbox;

namespace TechSupport.Application.Behaviours;

// Commands only: one transaction around the handler, its changes and their audit events.
public sealed class UnitOfWorkBehaviour<TMessage, TResponse>(TechSupportDbContext db, WriteGate gate, OutboxSignal signal) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : ICommand<TResponse>
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            return await next(message, cancellationToken);
        }

        using var turn = await gate.EnterAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var response = await next(message, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        return response;
    }
}
