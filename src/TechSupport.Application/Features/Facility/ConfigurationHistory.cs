using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Facility;

// A suite's configuration revisions, newest first, each whole and never changed (PC8). The fault a
// revision fixed is named only to those who may see it (S3).
public sealed record ConfigurationRevisions(Guid SuiteId) : IQuery<Page<RevisionView>>;

public sealed record RevisionView(int Number, DateTimeOffset CreatedAt, string? Author, string Reason, Guid? FaultId,
    IReadOnlyList<ConfigurationComponent> Components);

// Revision `Number` against revision `Against` of the same suite: what `Number` added, removed and changed.
public sealed record ConfigurationRevisionDiff(Guid SuiteId, int Number, int? Against) : IQuery<RevisionDiffView>;

public sealed record RevisionDiffView(int Number, int Against, IReadOnlyList<ConfigurationComponent> Added,
    IReadOnlyList<ConfigurationComponent> Removed, IReadOnlyList<ComponentChange> Changed);

public sealed class ConfigurationRevisionsHandler(TechSupportDbContext db, ICurrentUser user)
    : IQueryHandler<ConfigurationRevisions, Page<RevisionView>>
{
    public async ValueTask<Page<RevisionView>> Handle(ConfigurationRevisions query, CancellationToken cancellationToken)
    {
        if (!await db.Suites.AnyAsync(s => s.Id == query.SuiteId, cancellationToken))
        {
            throw new NotFoundException("suite");
        }

        var revisions = await db.ConfigurationRevisions.AsNoTracking().Where(r => r.SuiteId == query.SuiteId)
            .OrderByDescending(r => r.Number).ToListAsync(cancellationToken);
        var authorIds = revisions.Select(r => r.AuthorId).OfType<Guid>().Distinct().ToArray();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var faultIds = revisions.Select(r => r.FaultId).OfType<Guid>().Distinct().ToArray();
        var visible = faultIds.Length == 0
            ? []
            : await db.Faults.AsNoTracking().VisibleTo(user).Where(f => faultIds.Contains(f.Id)).Select(f => f.Id)
                .ToHashSetAsync(cancellationToken);
        var items = revisions.Select(r => new RevisionView(r.Number, r.CreatedAt,
                r.AuthorId is { } author && authors.TryGetValue(author, out var name) ? name : null, r.Reason,
                r.FaultId is { } fault && visible.Contains(fault) ? fault : null, r.Components))
            .ToList();
        return new Page<RevisionView>(items.Count, items);
    }
}

public sealed class ConfigurationRevisionDiffHandler(TechSupportDbContext db) : IQueryHandler<ConfigurationRevisionDiff, RevisionDiffView>
{
    public async ValueTask<RevisionDiffView> Handle(ConfigurationRevisionDiff query, CancellationToken cancellationToken)
    {
        if (!await db.Suites.AnyAsync(s => s.Id == query.SuiteId, cancellationToken))
        {
            throw new NotFoundException("suite");
        }

        var against = query.Against ?? query.Number - 1;
        if (against == query.Number)
        {
            throw Invalid.Field("against", "Compare the revision with another one.");
        }

        var wanted = new[] { query.Number, against };
        var revisions = await db.ConfigurationRevisions.AsNoTracking()
            .Where(r => r.SuiteId == query.SuiteId && wanted.Contains(r.Number)).ToListAsync(cancellationToken);
        var revision = revisions.SingleOrDefault(r => r.Number == query.Number) ?? throw new NotFoundException("revision");
        // The first revision, asked about alone, is everything added to an empty suite.
        IReadOnlyList<ConfigurationComponent> before = query.Against is null && against == 0 ? []
            // A number the suite does not have (another suite's, or none) is named as the field it came in.
            : revisions.SingleOrDefault(r => r.Number == against)?.Components
              ?? throw Invalid.Field("against", $"This suite has no configuration revision {against}.");
        var diff = ConfigurationDiff.Between(before, revision.Components);
        return new RevisionDiffView(revision.Number, against, diff.Added, diff.Removed, diff.Changed);
    }
}
