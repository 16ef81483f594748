using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Articles;

[RequiresRole(Role.Manager)]
public sealed record DeleteArticle(Guid Id) : ICommand<Unit>;

public sealed class DeleteArticleHandler(TechSupportDbContext db, ICurrentUser user) : ICommandHandler<DeleteArticle, Unit>
{
    public async ValueTask<Unit> Handle(DeleteArticle command, CancellationToken cancellationToken)
    {
        var article = await db.VisibleArticleAsync(user, command.Id, cancellationToken);
        db.Articles.Remove(article);
        return Unit.Value;
    }
}
