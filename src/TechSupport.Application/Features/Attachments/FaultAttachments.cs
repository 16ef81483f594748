using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;

namespace TechSupport.Application.Features.Attachments;

// A fault's attachments, oldest first (the files of one upload by name): visible exactly when the fault is (S3).
public sealed record FaultAttachments(Guid FaultId) : IQuery<Page<AttachmentView>>;

public sealed class FaultAttachmentsHandler(TechSupportDbContext db, ICurrentUser user) : IQueryHandler<FaultAttachments, Page<AttachmentView>>
{
    public async ValueTask<Page<AttachmentView>> Handle(FaultAttachments query, CancellationToken cancellationToken)
    {
        if (!await db.Faults.VisibleTo(user).AnyAsync(f => f.Id == query.FaultId, cancellationToken))
        {
            throw new NotFoundException("fault");
        }

        var items = await db.Attachments.AsNoTracking().Where(a => a.FaultId == query.FaultId)
            .OrderBy(a => a.UploadedAt).ThenBy(a => a.FileName).ThenBy(a => a.Id)
            .ToListAsync(cancellationToken);
        return new Page<AttachmentView>(items.Count, [.. items.Select(AttachmentView.From)]);
    }
}
