using Mediator;
using Microsoft.EntityFrameworkCore;
using TechSupport.Application.Abstractions;
using TechSupport.Application.Data;
using TechSupport.Domain;

namespace TechSupport.Application.Features.Faults;

// A fault number as people type it ("TS-31", "ts-31"): the fault's id when the caller may see it,
// none when it does not exist or is hidden, alike (S3). Bare digits are not a number here: in the
// search box "31" is something to search for.
public sealed record FaultIdByNumber(string? Text) : IQuery<Guid?>;

public sealed class FaultIdByNumberHandler(TechSupportDbContext db, ICurrentUser user) : IQueryHandler<FaultIdByNumber, Guid?>
{
    public async ValueTask<Guid?> Handle(FaultIdByNumber query, CancellationToken cancellationToken)
    {
        var text = query.Text?.Trim();
        if (text is null || !text.StartsWith(FaultNumber.Prefix, StringComparison.OrdinalIgnoreCase)
            || !FaultNumber.TryParse(text, out var number))
        {
            return null;
        }

        return await db.Faults.AsNoTracking().VisibleTo(user).Where(f => f.Number == number)
            .Select(f => (Guid?)f.Id).SingleOrDefaultAsync(cancellationToken);
    }
}
