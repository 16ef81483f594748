namespace TechSupport.Tests.Support;

// A test that needs a program installed on the machine (Debian's prometheus-alertmanager): without the
// file it is reported skipped with the reason, naming what is missing; never failed, never silently passed.
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FactWhenFileExistsAttribute : FactAttribute
{
    public FactWhenFileExistsAttribute(string path, string skipReason)
    {
        Path = path;
        if (!File.Exists(path))
        {
            Skip = skipReason;
        }
    }

    public string Path { get; }
}
