using System.Reflection;
using Mediator;
using TechSupport.Application.Abstractions;

namespace TechSupport.Application.Behaviours;

// The role a request type demands, checked before the handler reads anything.
public sealed class AuthorisationBehaviour<TMessage, TResponse>(ICurrentUser user) : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        if (!user.IsAuthenticated)
        {
            throw new UnauthenticatedException();
        }

        var required = typeof(TMessage).GetCustomAttribute<RequiresRoleAttribute>()?.Role;
        if (required is { } role && user.Role < role)
        {
            throw new ForbiddenException($"This needs the {role} role or higher.");
        }

        return next(message, cancellationToken);
    }
}
