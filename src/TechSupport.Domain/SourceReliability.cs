namespace TechSupport.Domain;

// PC5: how far an article's source can be trusted.
public enum SourceReliability
{
    InHouseVerified,
    Vendor,
    Community
}
