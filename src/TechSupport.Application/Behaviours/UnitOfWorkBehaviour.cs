using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Application.Notifications;
using TechSupport.Application.Outbox;

namespace TechSupport.Application.Behaviours;

// Commands only: one transaction around the handler, its changes and their audit events.
public sealed class UnitOfWorkBehaviour<TMessage, TResponse>(TechSupportDbContext db, WriteGate gate, OutboxSignal signal,
    MailSignal mail) : IPipelineBehavior<TMessage, TResponse>
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
        var queuedMail = db.ChangeTracker.Entries<MailMessage>().Any(e => e.State == EntityState.Added);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signal.Notify();
        if (queuedMail)
        {
            // The mail this change queued goes out now, not at the dispatcher's next look.
            mail.Notify();
        }

        return response;
    }
}
