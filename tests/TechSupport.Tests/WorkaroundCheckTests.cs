using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// K9 before the short cut is taken: POST /faults/{id}/workarounds/check answers what a workaround's changes
// would conflict with in the production's deliverable spec, and changes nothing.
public sealed class WorkaroundCheckTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    // A 10-bit HDR master at 23.976 with EBU R128 loudness.
    public static readonly object HdrMaster = new
    {
        resolution = "3840x2160",
        frameRate = "23.976",
        bitDepth = "10",
        colourSpace = "Rec.2020",
        transfer = "PQ",
        loudnessTarget = "-23 LUFS",
        sampleRate = "48 kHz",
    };

    [Fact]
    public async Task Eight_bit_25_fps_and_minus_16_lufs_each_conflict_with_a_10_bit_23_976_minus_23_lufs_master()
    {
        var (engineer, faultId) = await FaultOnAsync(Classification.Standard, HdrMaster);

        var response = await engineer.PostAsJsonAsync($"/api/v1/faults/{faultId}/workarounds/check", new
        {
            changes = new Dictionary<string, string> { ["bitDepth"] = "8", ["frameRate"] = "25", ["loudness"] = "-16 LUFS", ["resolution"] = "3840x2160" },
            acceptability = "AcceptableWithConditions",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var check = await response.JsonAsync();
        var conflicts = check.GetProperty("conflicts").EnumerateArray().ToDictionary(c => c.GetProperty("aspect").GetString()!);
        Assert.Equal(["bitDepth", "frameRate", "loudness"], conflicts.Keys.Order());
        Assert.Equal("8", conflicts["bitDepth"].GetProperty("change").GetString());
        Assert.Equal("10", conflicts["bitDepth"].GetProperty("deliverable").GetString());
        Assert.Equal("8-bit is below the deliverable's 10-bit.", conflicts["bitDepth"].GetProperty("message").GetString());
        Assert.Equal("25 fps is not the deliverable's 23.976 fps.", conflicts["frameRate"].GetProperty("message").GetString());
        Assert.Equal("-23 LUFS", conflicts["loudness"].GetProperty("deliverable").GetString());
        Assert.Equal("-16 LUFS is off the deliverable's -23 LUFS target.", conflicts["loudness"].GetProperty("message").GetString());
        Assert.False(check.GetProperty("unacceptable").GetBoolean());
        Assert.True(check.GetProperty("escalates").GetBoolean());

        // Only a question: nothing is applied, nothing escalates.
        var fault = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}");
        Assert.Empty(fault.GetProperty("workarounds").EnumerateArray());
        Assert.Equal("FirstLine", fault.GetProperty("tier").GetString());
        Assert.False(fault.GetProperty("qcFlagged").GetBoolean());
    }

    [Fact]
    public async Task Changes_within_the_spec_do_not_conflict_but_an_unacceptable_judgement_still_escalates()
    {
        var (engineer, faultId) = await FaultOnAsync(Classification.Standard, HdrMaster);

        var check = await (await engineer.PostAsJsonAsync($"/api/v1/faults/{faultId}/workarounds/check", new
        {
            changes = new Dictionary<string, string> { ["bitDepth"] = "12", ["frameRate"] = "23.976", ["loudness"] = "-23.5 LUFS", ["sampleRate"] = "48000" },
            acceptability = "Unacceptable",
        })).JsonAsync();

        Assert.Empty(check.GetProperty("conflicts").EnumerateArray());
        Assert.True(check.GetProperty("unacceptable").GetBoolean());
        Assert.True(check.GetProperty("escalates").GetBoolean());
    }

    [Fact]
    public async Task A_fault_with_no_production_has_no_deliverable_to_conflict_with_or_flag()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var faultId = (await new FaultBuilder(suiteId).SendAsync(engineer)).GetProperty("id").GetGuid();

        var check = await (await engineer.PostAsJsonAsync($"/api/v1/faults/{faultId}/workarounds/check",
            new { changes = new { bitDepth = "8" }, acceptability = "Unacceptable" })).JsonAsync();

        Assert.Empty(check.GetProperty("conflicts").EnumerateArray());
        Assert.True(check.GetProperty("unacceptable").GetBoolean());
        Assert.False(check.GetProperty("escalates").GetBoolean());
    }

    [Theory]
    [InlineData("gamma", "2.4", "changes.gamma")]
    [InlineData("frameRate", " ", "changes.frameRate")]
    public async Task An_unknown_aspect_or_a_blank_value_is_refused_naming_the_change(string aspect, string value, string field)
    {
        var (engineer, faultId) = await FaultOnAsync(Classification.Standard, HdrMaster);

        var response = await engineer.PostAsJsonAsync($"/api/v1/faults/{faultId}/workarounds/check",
            new { changes = new Dictionary<string, string> { [aspect] = value } });

        var messages = await Problems.AssertFieldErrorAsync(response, field);
        Assert.NotEmpty(messages);
    }

    [Fact]
    public async Task An_acceptability_that_does_not_exist_is_refused_naming_the_field()
    {
        var (engineer, faultId) = await FaultOnAsync(Classification.Standard, HdrMaster);

        var response = await engineer.PostAsJsonAsync($"/api/v1/faults/{faultId}/workarounds/check",
            new { changes = new { bitDepth = "8" }, acceptability = "Sometimes" });

        await Problems.AssertFieldErrorAsync(response, "acceptability");
    }

    public static TheoryData<Role, Classification, bool, HttpStatusCode> Callers => new()
    {
        { Role.Operator, Classification.Standard, false, HttpStatusCode.Forbidden },
        { Role.Engineer, Classification.Standard, false, HttpStatusCode.OK },
        { Role.Engineer, Classification.Confidential, false, HttpStatusCode.NotFound },
        { Role.Engineer, Classification.Confidential, true, HttpStatusCode.OK },
        { Role.Engineer, Classification.Restricted, false, HttpStatusCode.NotFound },
        { Role.Engineer, Classification.Restricted, true, HttpStatusCode.OK },
        { Role.Manager, Classification.Confidential, false, HttpStatusCode.OK },
        { Role.Manager, Classification.Restricted, false, HttpStatusCode.NotFound },
        { Role.Admin, Classification.Restricted, false, HttpStatusCode.NotFound },
        { Role.Admin, Classification.Restricted, true, HttpStatusCode.OK },
    };

    // S3: the spec of a fault the caller may not see is never read out, and the 404 is the one for no fault at all.
    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Only_those_who_may_see_the_fault_and_work_on_it_may_check_against_its_deliverable(Role role,
        Classification classification, bool cleared, HttpStatusCode expected)
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var productionId = await new ProductionBuilder().Classified(classification).Delivering(HdrMaster).SendAsync(manager);
        var reporter = (await app.UserAsync(Role.Engineer, productionId)).Client;
        var faultId = (await new FaultBuilder(suiteId).For(productionId).SendAsync(reporter)).GetProperty("id").GetGuid();
        var caller = cleared ? (await app.UserAsync(role, productionId)).Client : (await app.UserAsync(role)).Client;
        var body = new { changes = new { bitDepth = "8" } };

        var response = await caller.PostAsJsonAsync($"/api/v1/faults/{faultId}/workarounds/check", body);

        Assert.Equal(expected, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        if (expected == HttpStatusCode.OK)
        {
            Assert.Contains("8-bit is below the deliverable's 10-bit.", text, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("10-bit", text, StringComparison.Ordinal);
        }

        if (expected == HttpStatusCode.NotFound)
        {
            var absent = await caller.PostAsJsonAsync($"/api/v1/faults/{Guid.NewGuid()}/workarounds/check", body);
            Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
            Assert.Equal(Detail(await absent.JsonAsync()), Detail(JsonDocument.Parse(text).RootElement));
        }
    }

    private static string Detail(JsonElement problem) =>
        $"{problem.GetProperty("title").GetString()}|{(problem.TryGetProperty("detail", out var d) ? d.GetString() : null)}";

    private async Task<(HttpClient Engineer, Guid FaultId)> FaultOnAsync(Classification classification, object spec)
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var productionId = await new ProductionBuilder().Classified(classification).Delivering(spec).SendAsync(manager);
        var engineer = (await app.UserAsync(Role.Engineer, productionId)).Client;
        var fault = await new FaultBuilder(suiteId).For(productionId).SendAsync(engineer);
        return (engineer, fault.GetProperty("id").GetGuid());
    }
}
