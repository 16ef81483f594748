using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Attachments;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Attachments;

// Asked before an upload's body is read: whether the caller may attach to the fault at all (S3, E5), and the
// classification that decides what is accepted (S4) and whether it is sealed (S5).
public sealed record AttachmentTarget(Guid FaultId) : IQuery<AttachmentTargetView>;

public sealed record AttachmentTargetView(Guid FaultId, string Number, Classification Classification);

public sealed class AttachmentTargetHandler(TechSupportDbContext db, ICurrentUser user) : IQueryHandler<AttachmentTarget, AttachmentTargetView>
{
    public async ValueTask<AttachmentTargetView> Handle(AttachmentTarget query, CancellationToken cancellationToken)
    {
        var fault = await db.Faults.AsNoTracking().VisibleTo(user).Where(f => f.Id == query.FaultId)
            .Select(f => new { f.Number, f.Classification, f.AttachmentsLocked })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("fault");
        AttachmentAccess.CheckMayAdd(fault.AttachmentsLocked, user);
        return new AttachmentTargetView(query.FaultId, FaultNumber.Format(fault.Number), fault.Classification);
    }
}
