using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Escalation;

// The escalation policy in force: the stored one, or DESIGN's defaults (with the bank holidays of
// this year and the next) until an administrator saves one. Kept for a few seconds so every command
// does not read it again; another instance's change counts within that time.
public sealed class PolicyStore(TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan Keep = TimeSpan.FromSeconds(5);
    private readonly Lock _lock = new();
    private IReadOnlyList<DateOnly>? _holidays;
    private (EscalationPolicy Policy, DateTimeOffset LoadedAt)? _cached;

    public async Task<EscalationPolicy> CurrentAsync(TechSupportDbContext db, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_cached is { } cached && now - cached.LoadedAt < Keep && now >= cached.LoadedAt)
            {
                return cached.Policy;
            }
        }

        var stored = await db.EscalationPolicy.AsNoTracking().Where(p => p.Id == StoredPolicy.SingletonId)
            .Select(p => p.Json).SingleOrDefaultAsync(ct);
        var policy = stored is null ? Default() : Read(stored);
        Remember(policy);
        return policy;
    }

    public void Remember(EscalationPolicy policy)
    {
        lock (_lock)
        {
            _cached = (policy, clock.GetUtcNow());
        }
    }

    public EscalationPolicy Default()
    {
        var year = clock.GetUtcNow().Year;
        var holidays = _holidays ??= BankHolidays.Load(BankHolidays.DefaultFile);
        return EscalationPolicy.Default(holidays.Where(h => h.Year == year || h.Year == year + 1));
    }

    public static EscalationPolicy Read(string json) =>
        (JsonSerializer.Deserialize<PolicyDocument>(json, Json)
         ?? throw new InvalidOperationException("The stored escalation policy is empty.")).ToPolicy();

    public static string Write(EscalationPolicy policy) => JsonSerializer.Serialize(PolicyDocument.From(policy), Json);
}
