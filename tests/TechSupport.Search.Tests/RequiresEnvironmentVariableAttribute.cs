namespace TechSupport.Search.Tests;

/// <summary>
/// Marks a test class whose tests need an outside service named by an environment variable. When the
/// variable is unset or empty, <see cref="EnvironmentAwareTestFramework"/> reports every test of the class,
/// inherited ones included, as skipped with <see cref="SkipReason"/>: never failed, never silently passed.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class RequiresEnvironmentVariableAttribute(string name, string skipReason) : Attribute
{
    public string Name { get; } = name;

    public string SkipReason { get; } = skipReason;
}
