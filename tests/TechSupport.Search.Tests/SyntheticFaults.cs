using TechSupport.Search;

namespace TechSupport.Search.Tests;

// Plausible generated faults for measuring the index at volume; the same seed gives the same faults.
public sealed class SyntheticFaults(int seed)
{
    private static readonly string[] Products =
    [
        "DaVinci Resolve Studio", "Media Composer", "Pro Tools", "Premiere Pro", "Baselight", "Flame", "Nuke",
        "NEXIS Client", "Desktop Video", "Silverstack", "Windows 11", "macOS",
    ];

    private static readonly string[] Equipment =
    [
        "HP Z8 G5", "Blackmagic DeckLink 8K Pro", "AJA Kona 5", "Sony BVM-HX310", "Avid NEXIS E4", "Tektronix SPG8000A",
        "IBM TS4300 LTO-9", "Avid Pro Tools MTRX", "Dell PowerEdge R750", "Arista 7050X", "Flanders Scientific XM312U",
    ];

    private static readonly string[] Symptoms =
    [
        "playback stutters and the fps indicator drops", "dropped frames on the SDI output", "media offline after the workspace remounted",
        "the grade looks different on the client monitor", "genlock lost and the picture rolls", "timecode jumps by one frame",
        "audio drifts out of sync over the reel", "render fails at 99 percent with a disk full error", "licence server unreachable at launch",
        "LTO tape ejects during the archive write", "the workstation freezes when scrubbing", "export stops with error -9173",
        "the NAS copy crawls at 20 MB/s", "banding in the gradients on the HDR monitor", "crackles and pops on the monitor speakers",
        "the application crashes on launch", "the control surface does not respond", "the LUT is not applied on the output",
    ];

    private static readonly string[] Fixes =
    [
        "Rebound the client to the media NIC and set read-ahead to 4.", "Replaced the SDI cable and reseated the card.",
        "Rolled back the driver to the previous version.", "Recalibrated the monitor and reloaded the LUT.",
        "Cleared the render cache and freed space on the volume.", "Reset the sync generator and relocked reference.",
        "Renewed the licence on the server and restarted the service.", "Cleaned the drive and replaced the tape.",
    ];

    private static readonly string[] Categories = ["Storage", "Network", "Software", "Hardware", "Signal", "Format", "Licensing", "Audio", "Colour", "Archive", "Os"];

    private static readonly string[] Statuses = ["New", "Acknowledged", "InProgress", "WorkaroundApplied", "Resolved", "Closed"];

    private readonly Random random = new(seed);
    private readonly Guid[] suites = Enumerable.Range(0, 24).Select(i => new Guid(i + 1, 0, 0, new byte[8])).ToArray();
    private readonly Guid[] productions = Enumerable.Range(0, 12).Select(i => new Guid(i + 1, 1, 0, new byte[8])).ToArray();

    public static IReadOnlyList<string> Queries { get; } =
    [
        "playback stutters from the SAN", "playbak stuter", "skipped frames on output", "media offline remount", "colour shift client monitor",
        "genlock", "timecode jumps", "lip sync drift", "render fails disk full", "licence server", "lto tape eject", "freeze when scrubbing",
        "error -9173", "resolve 19.1", "KB5034441", "TS-1042", "banding hdr", "crackle pops", "crash on launch", "lut not applied",
    ];

    public IReadOnlyList<ComponentKey> Configuration() =>
        [new(Products[0], "19.1.2"), new(Products[8], "2024.6"), new("Blackmagic DeckLink 8K Pro", "12.9")];

    public SearchDocument Next(int number, DateTimeOffset createdAt)
    {
        var symptom = Pick(Symptoms);
        var product = Pick(Products);
        var version = $"{random.Next(17, 21)}.{random.Next(0, 4)}.{random.Next(0, 6)}";
        var equipment = Pick(Equipment);
        var status = Pick(Statuses);
        var resolved = status is "Resolved" or "Closed";
        var roll = random.NextDouble();
        var production = Pick(productions);
        var access = roll switch
        {
            < 0.03 => new DocumentAccess("Restricted", production, Guid.NewGuid(), roll < 0.005),
            < 0.10 => new DocumentAccess("Confidential", production, null, false),
            _ => DocumentAccess.Standard,
        };
        var suite = random.Next(suites.Length);
        var id = Guid.NewGuid();

        return new SearchDocument
        {
            Key = SearchKeys.For(DocumentKind.Fault, id),
            Kind = DocumentKind.Fault,
            Id = id,
            Version = 1,
            Number = $"TS-{number}",
            Title = $"{product} {symptom.Split(' ', 4)[0]} {symptom.Split(' ', 4)[1]} on {equipment}",
            Text = $"Since {product} was updated to {version}, {symptom}. It happens on {equipment} in suite {suite + 1}; {Pick(Symptoms)} as well. Client in the room.",
            Fix = resolved ? Pick(Fixes) : null,
            RootCause = resolved ? $"The {product} update reset the settings of {equipment}." : null,
            Workaround = random.NextDouble() < 0.4 ? "Play from the local cache until the end of the session." : null,
            WorkaroundAcceptability = "AcceptableWithConditions",
            SuiteId = suites[suite],
            SuiteName = $"Suite {suite + 1}",
            Category = Pick(Categories),
            Status = status,
            Stage = "Grade",
            Severity = $"P{random.Next(1, 5)}",
            Equipment = [equipment],
            Components = [new ComponentKey(product, version), new ComponentKey(equipment, "1.0")],
            Access = access,
            CreatedAt = createdAt,
            HasFix = resolved,
        };
    }

    private T Pick<T>(T[] values) => values[random.Next(values.Length)];
}
