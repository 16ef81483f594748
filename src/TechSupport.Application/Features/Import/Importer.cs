using TechSupport.Domain;

namespace TechSupport.Application.Features.Import;

// Who imports, and what they may name. A signed-in Manager or Admin names only the productions and
// faults S2 lets them see; the administrator's command line (no viewer) is trusted with all of them.
public sealed record Importer(Actor Actor, Viewer? Viewer)
{
    public static Importer Trusted(Actor actor) => new(actor, null);
}
