using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("TechSupport.Search.Tests.EnvironmentAwareTestFramework", "TechSupport.Search.Tests")]

namespace TechSupport.Search.Tests;

/// <summary>
/// xunit 2's own framework, except that a test class marked <see cref="RequiresEnvironmentVariableAttribute"/>
/// whose variable is missing has its tests discovered as skipped. xunit 2 has no runtime skip, and the shared
/// contract's tests are plain [Fact]s declared in an abstract base class, so the decision is made here, per
/// concrete class, at discovery.
/// </summary>
public sealed class EnvironmentAwareTestFramework(IMessageSink diagnosticMessageSink) : XunitTestFramework(diagnosticMessageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assemblyInfo, ISourceInformationProvider sourceProvider, IMessageSink diagnosticMessageSink)
        : XunitTestFrameworkDiscoverer(assemblyInfo, sourceProvider, diagnosticMessageSink)
    {
        protected override bool FindTestsForMethod(
            ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            if (MissingRequirement(testMethod.TestClass.Class) is not { } reason
                || !testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any())
            {
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            }

            var skipped = new EnvironmentSkippedTestCase(
                DiagnosticMessageSink,
                discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(),
                testMethod,
                reason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }

        private static string? MissingRequirement(ITypeInfo testClass) =>
            testClass.GetCustomAttributes(typeof(RequiresEnvironmentVariableAttribute))
                .Select(attribute => attribute.GetConstructorArguments().Cast<string>().ToArray())
                .Where(arguments => string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(arguments[0])))
                .Select(arguments => arguments[1])
                .FirstOrDefault();
    }
}

/// <summary>A test case that reports itself skipped with the reason it was discovered with.</summary>
public sealed class EnvironmentSkippedTestCase : XunitTestCase
{
    private string reason = "";

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public EnvironmentSkippedTestCase()
    {
    }

    public EnvironmentSkippedTestCase(
        IMessageSink diagnosticMessageSink,
        TestMethodDisplay defaultMethodDisplay,
        TestMethodDisplayOptions defaultMethodDisplayOptions,
        ITestMethod testMethod,
        string reason)
        : base(diagnosticMessageSink, defaultMethodDisplay, defaultMethodDisplayOptions, testMethod)
    {
        this.reason = reason;
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => reason;

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("EnvironmentSkipReason", reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        reason = data.GetValue<string>("EnvironmentSkipReason");
        base.Deserialize(data);
    }
}
