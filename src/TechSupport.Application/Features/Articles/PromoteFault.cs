using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Faults;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Articles;

// A resolved fault becomes a knowledge article that keeps its classification and production (S1).
[RequiresRole(Role.Engineer)]
public sealed record PromoteFault(Guid FaultId) : ICommand<ArticleView>;

public sealed class PromoteFaultHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<PromoteFault, ArticleView>
{
    public async ValueTask<ArticleView> Handle(PromoteFault command, CancellationToken cancellationToken)
    {
        var fault = await db.VisibleFaultAsync(user, command.FaultId, cancellationToken);
        var article = KnowledgeArticle.PromoteFrom(fault, null, user.Actor, clock.GetUtcNow());
        db.Articles.Add(article);
        return await db.ViewAsync(article, cancellationToken);
    }
}
