namespace TechSupport.Domain;

// The record's state refuses the action; the message is one plain sentence for the user.
public sealed class DomainRuleException(string message) : Exception(message);
