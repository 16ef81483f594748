namespace TechSupport.Domain;

// PC7: what the fault costs, weighed against the cost of fixing it.
public sealed record Impact(decimal? SessionHoursLost = null, decimal? EstimatedCost = null, bool DeadlineAtRisk = false);
