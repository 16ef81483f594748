namespace TechSupport.Web.Auth;

// Which API session a token belongs to and which generation of it.
public sealed record SessionTicket(Guid Id, int Generation);
