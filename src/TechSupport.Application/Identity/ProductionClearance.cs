namespace TechSupport.Application.Identity;

// A user cleared for one production (S2); demo clearances are rows too, never a wildcard.
public sealed class ProductionClearance
{
    public Guid UserId { get; set; }
    public Guid ProductionId { get; set; }
    public DateTimeOffset GrantedAt { get; set; }
    public Guid? GrantedById { get; set; }
}
