using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Features.Faults;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Articles;

// A resolved fault becomes a knowledge article that keeps its classification and production (S1).
// A fault has one article: promoting it again answers the one it has.
[RequiresRole(Role.Engineer)]
public sealed record PromoteFault(Guid FaultId) : ICommand<PromotedArticle>;

public sealed record PromotedArticle(ArticleView Article, bool AlreadyExisted);

public sealed class PromoteFaultHandler(TechSupportDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<PromoteFault, PromotedArticle>
{
    public async ValueTask<PromotedArticle> Handle(PromoteFault command, CancellationToken cancellationToken)
    {
        var fault = await db.VisibleFaultAsync(user, command.FaultId, cancellationToken);
        var existing = await db.Articles.Where(a => a.SourceFaultId == fault.Id).OrderBy(a => a.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            // The article carries the fault's classification, so whoever sees the fault sees it; the
            // check stays so that an article made under another rule is never revealed (S3).
            if (!AccessPolicy.ArticlesVisibleTo(user.Viewer).Compile().Invoke(existing))
            {
                throw new DomainRuleException("This fault already has a knowledge article.");
            }

            return new PromotedArticle(await db.ViewAsync(existing, cancellationToken), true);
        }

        var now = clock.GetUtcNow();
        var article = KnowledgeArticle.PromoteFrom(fault, null, user.Actor, now);
        db.Articles.Add(article);
        // Changing the fault (its version is a concurrency token) makes two promotions at once
        // collide where the database does not serialise writers, instead of writing two articles.
        fault.NotePromoted(user.Actor, now);
        return new PromotedArticle(await db.ViewAsync(article, cancellationToken), false);
    }
}
