using TechSupport.Application.Identity;
using TechSupport.Domain;

namespace TechSupport.Application.Seeding;

// A user the generator may have report, take on or comment on a fault, with the access policy
// compiled once: a fault goes only to people who could have seen it (S2), as it would over the API.
internal sealed class SeedPerson
{
    private readonly Func<Production, bool> _seesProduction;
    private readonly Func<Fault, bool> _seesFault;

    public SeedPerson(UserAccess access)
    {
        Id = access.Id;
        Role = access.Role;
        Actor = new Actor(access.Id, access.DisplayName);
        _seesProduction = AccessPolicy.ProductionsVisibleTo(access.Viewer).Compile();
        _seesFault = AccessPolicy.FaultsVisibleTo(access.Viewer).Compile();
    }

    public Guid Id { get; }
    public Role Role { get; }
    public Actor Actor { get; }
    public string Name => Actor.Name;

    public bool CanSee(Production? production) => production is null || _seesProduction(production);

    public bool CanSee(Fault fault) => _seesFault(fault);
}
