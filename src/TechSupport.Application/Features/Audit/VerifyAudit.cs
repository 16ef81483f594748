using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Audit;

// Managers and admins prove nobody altered the log; for everyone else the route does not exist (404).
public sealed record VerifyAudit : IQuery<AuditVerification>;

public sealed class VerifyAuditHandler(TechSupportDbContext db, ICurrentUser user) : IQueryHandler<VerifyAudit, AuditVerification>
{
    public async ValueTask<AuditVerification> Handle(VerifyAudit query, CancellationToken cancellationToken) =>
        user.Role >= Role.Manager
            ? await AuditChain.VerifyAsync(db, cancellationToken)
            : throw new NotFoundException("audit");
}
