using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;

namespace TechSupport.Application.Seeding;

internal static class FaultNumberBlocks
{
    // Reserves `count` consecutive fault numbers with one counter update and returns the first, so a
    // batch of a thousand generated faults costs one round trip instead of a thousand. Call it inside
    // the batch's transaction: the update takes the write lock first, so no other writer gets the same
    // numbers, and a rolled-back batch gives its numbers back.
    public static async Task<int> ReserveFaultNumbersAsync(this TechSupportDbContext db, int count, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var updated = await db.Counters.Where(c => c.Name == Counter.FaultNumber)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Value, c => c.Value + count), ct);
        if (updated != 1)
        {
            throw new InvalidOperationException("The fault-number counter is missing; apply the database migrations first.");
        }

        var last = await db.Counters.Where(c => c.Name == Counter.FaultNumber).Select(c => c.Value).SingleAsync(ct);
        return last - count + 1;
    }
}
