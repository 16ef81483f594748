namespace TechSupport.Domain;

// The production's technical demands; every part is optional because a spec often arrives piecemeal.
public sealed record DeliverableSpec(
    string? Resolution = null,
    string? FrameRate = null,
    string? Codec = null,
    string? Wrapper = null,
    string? ColourSpace = null,
    string? Transfer = null,
    string? LoudnessTarget = null,
    string? BitDepth = null,
    string? SampleRate = null);
