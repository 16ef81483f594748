namespace TechSupport.Tests.Support;

// A test that takes write permission away with chmod: root writes whatever the mode says (CI containers
// often run as root), so there it is reported skipped with the reason, never failed or silently passed.
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FactUnlessRootAttribute : FactAttribute
{
    public FactUnlessRootAttribute(string skipReason)
    {
        if (OperatingSystem.IsWindows() || Environment.IsPrivilegedProcess)
        {
            Skip = skipReason;
        }
    }
}
