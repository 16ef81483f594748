using Mediator;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Escalation;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Escalation;

[RequiresRole(Role.Admin)]
public sealed record EscalationPolicyDetails : IQuery<PolicyDocument>;

public sealed class EscalationPolicyDetailsHandler(TechSupportDbContext db, PolicyStore policies)
    : IQueryHandler<EscalationPolicyDetails, PolicyDocument>
{
    public async ValueTask<PolicyDocument> Handle(EscalationPolicyDetails query, CancellationToken cancellationToken) =>
        PolicyDocument.From(await policies.CurrentAsync(db, cancellationToken));
}
