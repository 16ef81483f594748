namespace TechSupport.Domain;

public static class SupportTiers
{
    // The tier as the timeline names it.
    public static string Name(SupportTier tier) => tier switch
    {
        SupportTier.FirstLine => "First line",
        SupportTier.SecondLine => "Second line",
        SupportTier.Specialist => "Specialist / vendor",
        _ => "Manager",
    };
}
