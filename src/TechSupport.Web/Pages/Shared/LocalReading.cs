namespace TechSupport.Web.Pages.Shared;

// A wall time read in the facility's zone: no instant when the spring clock change skips it; Repeated when the
// autumn change makes it happen twice and the first was taken.
public readonly record struct LocalReading(DateTimeOffset? Instant, bool Repeated);
