using Xunit.Abstractions;
using Xunit.Sdk;

namespace TechSupport.Search.Tests;

// A fact of a suite that may need an outside service: when the test class carries
// RequiresEnvironmentAttribute and the variable is not set, the test is reported as
// skipped with a plain reason rather than passing vacuously.
[XunitTestCaseDiscoverer("TechSupport.Search.Tests.ContractFactDiscoverer", "TechSupport.Search.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;

// The environment variable a test class needs, e.g. ELASTICSEARCH_URL.
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiresEnvironmentAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;
}

public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer facts = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var variable = testMethod.TestClass.Class
            .GetCustomAttributes(typeof(RequiresEnvironmentAttribute).AssemblyQualifiedName)
            .Select(a => a.GetConstructorArguments().FirstOrDefault() as string)
            .FirstOrDefault(v => v is not null);
        if (variable is not null && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable)))
        {
            return
            [
                new SkippedTestCase(diagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(),
                    testMethod, $"{variable} not set")
            ];
        }

        return facts.Discover(discoveryOptions, testMethod, factAttribute);
    }
}

public sealed class SkippedTestCase : XunitTestCase
{
    private string reason = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedTestCase()
    {
    }

    public SkippedTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions options, ITestMethod method, string reason)
        : base(sink, display, options, method) => this.reason = reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("Reason", reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        reason = data.GetValue<string>("Reason");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => reason;
}
