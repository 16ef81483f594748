using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Application.Escalation;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

// What every command on one fault does around its own step: load the fault as the caller may see
// it, refuse a stale If-Match, and afterwards run the escalation rules on the change and answer the
// fault as the API reads it.
public sealed class FaultWork(TechSupportDbContext db, ICurrentUser user, TimeProvider clock, FaultRules rules, PolicyStore policies)
{
    public Actor Actor => user.Actor;

    public DateTimeOffset Now => clock.GetUtcNow();

    public Task<EscalationPolicy> PolicyAsync(CancellationToken ct) => policies.CurrentAsync(db, ct);

    public async Task<Fault> LoadAsync(Guid id, IVersioned command, CancellationToken ct)
    {
        var fault = await db.VisibleFaultAsync(user, id, ct);
        fault.CheckVersion(command);
        return fault;
    }

    public async Task<FaultView> DoneAsync(Fault fault, FaultChange change, CancellationToken ct)
    {
        await rules.ApplyAsync(fault, change, user.IsAuthenticated ? user.Id : null, ct);
        return await db.ViewAsync(fault, user, Now, ct);
    }
}
