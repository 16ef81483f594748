namespace TechSupport.Application.Data;

// A named counter for human references (TS-<n>); incremented inside the writing transaction.
public sealed class Counter
{
    public const string FaultNumber = "fault-number";

    public string Name { get; set; } = "";
    public int Value { get; set; }
}
