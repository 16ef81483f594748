using Microsoft.EntityFrameworkCore;

namespace TechSupport.Application.Data;

public sealed record AuditVerification(bool Valid, long Events, long? FirstBrokenEventId);

// S7: walks the audit log in order, one event at a time (a million events are never all in memory),
// and finds the first event whose own hash does not match its content (altered, or moved from its
// place) or that does not name the hash of the event before it (one deleted or inserted before it).
public static class AuditChain
{
    public static async Task<AuditVerification> VerifyAsync(TechSupportDbContext db, CancellationToken ct)
    {
        var previous = "";
        long events = 0;
        await foreach (var audit in db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            events++;
            if (audit.PreviousHash != previous || audit.ComputeHash() != audit.Hash)
            {
                return new AuditVerification(false, events + await db.AuditEvents.LongCountAsync(e => e.Id > audit.Id, ct), audit.Id);
            }

            previous = audit.Hash;
        }

        return new AuditVerification(true, events, null);
    }
}
