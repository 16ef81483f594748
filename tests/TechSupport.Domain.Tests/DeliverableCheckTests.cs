using TechSupport.Domain;

namespace TechSupport.Domain.Tests;

// K9: what a workaround changes, against what the production must deliver.
public sealed class DeliverableCheckTests
{
    [Theory]
    [InlineData(DeliverableAspect.BitDepth, "8-bit", "10-bit", "8-bit is below the deliverable's 10-bit.")]
    [InlineData(DeliverableAspect.FrameRate, "25", "23.976", "25 fps is not the deliverable's 23.976 fps.")]
    [InlineData(DeliverableAspect.FrameRate, "24 fps", "23.976 fps", "24 fps is not the deliverable's 23.976 fps.")]
    [InlineData(DeliverableAspect.FrameRate, "30", "29.97", "30 fps is not the deliverable's 29.97 fps.")]
    [InlineData(DeliverableAspect.Loudness, "-16 LUFS", "-23 LUFS", "-16 LUFS is off the deliverable's -23 LUFS target.")]
    [InlineData(DeliverableAspect.Loudness, "\u221216 LUFS", "-23 LUFS", "-16 LUFS is off the deliverable's -23 LUFS target.")]
    [InlineData(DeliverableAspect.Loudness, "-24.5 LUFS", "-23 LUFS", "-24.5 LUFS is off the deliverable's -23 LUFS target.")]
    [InlineData(DeliverableAspect.SampleRate, "44.1 kHz", "48 kHz", "44.1 kHz is not the deliverable's 48 kHz.")]
    [InlineData(DeliverableAspect.SampleRate, "48 kHz", "96000 Hz", "48 kHz is not the deliverable's 96 kHz.")]
    [InlineData(DeliverableAspect.Resolution, "1920x1080", "3840x2160", "1920x1080 is below the deliverable's 3840x2160.")]
    [InlineData(DeliverableAspect.Resolution, "1920x1080", "UHD", "1920x1080 is below the deliverable's 3840x2160.")]
    [InlineData(DeliverableAspect.Resolution, "1280X720", "1920x1080", "1280x720 is below the deliverable's 1920x1080.")]
    [InlineData(DeliverableAspect.ColourSpace, "Rec.709", "Rec.2020", "Rec.709 is not the deliverable's Rec.2020.")]
    [InlineData(DeliverableAspect.Transfer, "HLG", "PQ", "HLG is not the deliverable's PQ.")]
    [InlineData(DeliverableAspect.Codec, "ProRes 422", "ProRes 4444", "ProRes 422 is not the deliverable's ProRes 4444.")]
    [InlineData(DeliverableAspect.Codec, "ProRes 422 HQ", "ProRes 422", "ProRes 422 HQ is not the deliverable's ProRes 422.")]
    [InlineData(DeliverableAspect.Wrapper, "QuickTime", "MXF OP1a", "QuickTime is not the deliverable's MXF OP1a.")]
    public void A_change_away_from_the_spec_is_a_conflict(DeliverableAspect aspect, string change, string wanted, string message)
    {
        var conflict = Assert.Single(DeliverableCheck.Conflicts([new(aspect, change)], Spec(aspect, wanted)));

        Assert.Equal(new DeliverableConflict(aspect, change, wanted, message), conflict);
    }

    [Theory]
    [InlineData(DeliverableAspect.FrameRate, "23.976 fps", "23.976")]
    [InlineData(DeliverableAspect.FrameRate, "23.98", "23.976 fps")]
    [InlineData(DeliverableAspect.FrameRate, "29.97", "29.97 fps")]
    [InlineData(DeliverableAspect.Loudness, "\u221223.5", "-23 LUFS")]
    [InlineData(DeliverableAspect.Loudness, "-23", "\u221223 LUFS")]
    [InlineData(DeliverableAspect.Loudness, "-24 LKFS", "-23 LUFS")]
    [InlineData(DeliverableAspect.BitDepth, "12-bit", "10-bit")]
    [InlineData(DeliverableAspect.BitDepth, "10 bit", "10-bit")]
    [InlineData(DeliverableAspect.SampleRate, "48000 Hz", "48 kHz")]
    [InlineData(DeliverableAspect.SampleRate, "48k", "48 kHz")]
    [InlineData(DeliverableAspect.Resolution, "3840 × 2160", "UHD")]
    [InlineData(DeliverableAspect.Resolution, "3840x2160", "1920x1080")]
    [InlineData(DeliverableAspect.ColourSpace, "BT.709", "Rec.709")]
    [InlineData(DeliverableAspect.ColourSpace, "ITU-R BT.709", "Rec. 709")]
    [InlineData(DeliverableAspect.ColourSpace, "rec2020", "ITU-R BT.2020")]
    [InlineData(DeliverableAspect.Transfer, "SMPTE ST 2084", "PQ")]
    [InlineData(DeliverableAspect.Transfer, "ST 2084", "PQ")]
    [InlineData(DeliverableAspect.Codec, "prores 4444", "ProRes 4444")]
    [InlineData(DeliverableAspect.Wrapper, "MOV", "QuickTime")]
    [InlineData(DeliverableAspect.Wrapper, "MXF", "MXF OP1a")]
    public void The_same_value_written_another_way_is_no_conflict(DeliverableAspect aspect, string change, string wanted)
    {
        Assert.Empty(DeliverableCheck.Conflicts([new(aspect, change)], Spec(aspect, wanted)));
    }

    [Fact]
    public void A_change_to_an_aspect_the_spec_leaves_empty_is_no_conflict()
    {
        var spec = new DeliverableSpec(FrameRate: "25", ColourSpace: "  ");

        Assert.Empty(DeliverableCheck.Conflicts(
            [new(DeliverableAspect.BitDepth, "8-bit"), new(DeliverableAspect.ColourSpace, "Rec.709")], spec));
    }

    [Fact]
    public void With_no_spec_nothing_conflicts()
    {
        Assert.Empty(DeliverableCheck.Conflicts([new(DeliverableAspect.FrameRate, "25")], null));
    }

    [Fact]
    public void A_change_that_cannot_be_read_as_a_value_is_left_to_the_engineers_judgement()
    {
        var spec = new DeliverableSpec(Resolution: "UHD", FrameRate: "25");

        Assert.Empty(DeliverableCheck.Conflicts(
            [new(DeliverableAspect.FrameRate, "as shot"), new(DeliverableAspect.Resolution, "whatever the proxy is")], spec));
    }

    [Fact]
    public void Every_conflicting_change_is_reported_in_the_order_given_and_trimmed()
    {
        var spec = new DeliverableSpec(Resolution: "3840x2160", FrameRate: "25", BitDepth: "10-bit", LoudnessTarget: "-23 LUFS");

        var conflicts = DeliverableCheck.Conflicts(
        [
            new(DeliverableAspect.Loudness, " -16 LUFS "),
            new(DeliverableAspect.FrameRate, "25"),
            new(DeliverableAspect.BitDepth, "8-bit"),
        ], spec);

        Assert.Equal([DeliverableAspect.Loudness, DeliverableAspect.BitDepth], conflicts.Select(c => c.Aspect));
        Assert.Equal("-16 LUFS", conflicts[0].Change);
    }

    [Fact]
    public void A_workaround_records_its_conflicts_and_the_timeline_warns_of_them()
    {
        var production = Production.Create("Night Shift", Classification.Standard,
            new DeliverableSpec(BitDepth: "10-bit", FrameRate: "25"), null, Build.Monday10);
        var fault = Build.Fault(production: production);

        var workaround = fault.ApplyWorkaround("Grade on the backup workstation", Acceptability.Acceptable, null,
            new Actor(Guid.NewGuid(), "Erin Engineer"), Build.Monday10.AddMinutes(5),
            [new(DeliverableAspect.BitDepth, "8-bit"), new(DeliverableAspect.FrameRate, "25 fps")]);

        Assert.Equal(DeliverableAspect.BitDepth, Assert.Single(workaround.Conflicts).Aspect);
        Assert.True(workaround.EndangersDeliverable);
        Assert.Equal("Workaround (acceptable): Grade on the backup workstation — conflicts with the deliverable: 8-bit is below the deliverable's 10-bit.",
            fault.Timeline[^1].Text);
    }

    private static DeliverableSpec Spec(DeliverableAspect aspect, string value) => aspect switch
    {
        DeliverableAspect.FrameRate => new(FrameRate: value),
        DeliverableAspect.Resolution => new(Resolution: value),
        DeliverableAspect.BitDepth => new(BitDepth: value),
        DeliverableAspect.ColourSpace => new(ColourSpace: value),
        DeliverableAspect.Transfer => new(Transfer: value),
        DeliverableAspect.Loudness => new(LoudnessTarget: value),
        DeliverableAspect.Codec => new(Codec: value),
        DeliverableAspect.Wrapper => new(Wrapper: value),
        DeliverableAspect.SampleRate => new(SampleRate: value),
        _ => throw new ArgumentOutOfRangeException(nameof(aspect), aspect, "The test does not know where this aspect goes in a spec."),
    };
}
