using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// PC6: a briefing fit to hand to second line or a vendor, as Markdown from the API and as a printable page.
public sealed class BriefingTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    // GitHub-flavoured enough to see tables and strikethrough, which is where pasted briefings end up.
    private static readonly MarkdownPipeline Gfm = new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().Build();

    [Fact]
    public async Task A_briefing_hands_over_symptoms_configuration_deliverable_workarounds_and_timeline_on_the_facility_clock()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().Named($"Grade 2 {Guid.NewGuid():N}"[..14])
            .WithEquipment(EquipmentKind.IoCard, "Blackmagic Design", "DeckLink 8K Pro", "14.2")
            .WithEquipment(EquipmentKind.Software, "Blackmagic Design", "DaVinci Resolve Studio", "19.1.2")
            .SendAsync(manager);
        var productionId = await new ProductionBuilder()
            .WithSpec(new
            {
                resolution = "3840x2160", frameRate = "23.976", codec = "ProRes 4444 XQ", wrapper = "MOV",
                colourSpace = "Rec.2020", transfer = "PQ", loudnessTarget = "-23 LUFS", bitDepth = "10", sampleRate = "48 kHz",
            }, "2027-07-02T16:00:00Z")
            .SendAsync(manager);
        var deckLink = await EquipmentAsync(manager, suiteId, "DeckLink 8K Pro");
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var logged = app.Clock.GetUtcNow();
        var fault = await new FaultBuilder(suiteId).For(productionId).On(deckLink)
            .Titled("SDI output drops to black mid-session", "Output drops to black every few minutes.\nReturns after 2 s.")
            .WithImpact(2, 1_200, deadlineAtRisk: true)
            .SendAsync(engineer);
        var id = fault.GetProperty("id").GetGuid();
        var number = fault.GetProperty("number").GetString()!;
        // Kit added after the fault was logged is not what the fault happened on.
        (await manager.PostAsJsonAsync($"/api/v1/suites/{suiteId}/equipment",
            new { kind = "ReferenceMonitor", make = "Sony", model = "BVM-HX3110", firmware = "2.0" })).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromMinutes(5));
        var worked = await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds", new
        {
            description = "Play out through the spare 8-bit card at 25 fps",
            acceptability = "AcceptableWithConditions",
            conditions = "Client review only; never for the master",
            changes = new Dictionary<string, string> { ["frameRate"] = "25", ["bitDepth"] = "8" },
        });
        Assert.Equal(HttpStatusCode.OK, worked.StatusCode);

        var response = await engineer.GetAsync($"/api/v1/faults/{id}/briefing");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        var markdown = await response.Content.ReadAsStringAsync();
        var document = Markdown.Parse(markdown, Gfm);
        Assert.Equal($"{number}: SDI output drops to black mid-session", Text(Headings(document, 1).Single()));
        Assert.Equal(
            ["Summary", "SLA", "Symptoms", "Suite and equipment", "Configuration when the fault was logged", "Production and deliverable",
                "Impact", "Workarounds tried", "Resolution", "Attachments", "Timeline"],
            Headings(document, 2).Select(Text));
        Assert.Contains("- **Severity:** P2 – degraded, work slowed", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Status:** Workaround applied", markdown, StringComparison.Ordinal);
        // E8: a workaround that conflicts with the deliverable takes the fault to second line and flags QC.
        Assert.Contains("- **Support tier:** Second line", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Flag:** The deliverable is flagged for QC", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Workflow stage:** Grade", markdown, StringComparison.Ordinal);
        Assert.Contains($"- **Reported:** {Gmt(logged)} by Engineer", markdown, StringComparison.Ordinal);
        Assert.Contains($"| Acknowledge | {Gmt(logged.AddHours(1))} | met {Gmt(logged.AddMinutes(5))} |", markdown, StringComparison.Ordinal);
        Assert.Contains("Output drops to black every few minutes.\\\nReturns after 2 s.", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Equipment:** I/O card: Blackmagic Design DeckLink 8K Pro, firmware 14.2", markdown, StringComparison.Ordinal);

        Assert.Contains($"Revision 3, recorded {Gmt(logged)}: Added Blackmagic Design DaVinci Resolve Studio.", markdown,
            StringComparison.Ordinal);
        var components = Rows(document.Descendants<Markdig.Extensions.Tables.Table>().ElementAt(1));
        Assert.Equal(
            [
                ["Kind", "Product", "Vendor", "Version", "Settings"],
                ["I/O card", "DeckLink 8K Pro", "Blackmagic Design", "14.2", "–"],
                ["Software", "DaVinci Resolve Studio", "Blackmagic Design", "19.1.2", "–"],
            ],
            components);

        Assert.Contains("- **Delivery deadline:** Fri 2 Jul 2027, 17:00 BST", markdown, StringComparison.Ordinal);
        foreach (var part in new[]
                 {
                     "Resolution: 3840x2160", "Frame rate: 23.976", "Codec: ProRes 4444 XQ", "Wrapper: MOV", "Colour space: Rec.2020",
                     "Transfer: PQ", "Loudness target: -23 LUFS", "Bit depth: 10", "Sample rate: 48 kHz",
                 })
        {
            Assert.Contains($"  - {part}\n", markdown, StringComparison.Ordinal);
        }

        Assert.Contains("- **Session hours lost:** 2 hours", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Estimated cost:** £1,200", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Deadline at risk:** yes", markdown, StringComparison.Ordinal);

        Assert.Contains("1. Play out through the spare 8-bit card at 25 fps\n", markdown, StringComparison.Ordinal);
        Assert.Contains("   - **For deliverables:** Acceptable if: Client review only; never for the master", markdown, StringComparison.Ordinal);
        Assert.Contains("   - **Changes:** frame rate to 25; bit depth to 8", markdown, StringComparison.Ordinal);
        Assert.Contains(
            "   - **Conflicts with the deliverable:** 25 fps is not the deliverable's 23.976 fps. 8-bit is below the deliverable's 10-bit.",
            markdown, StringComparison.Ordinal);
        Assert.Contains("Not resolved yet.", markdown, StringComparison.Ordinal);

        var timeline = Section(document, "Timeline").OfType<ListBlock>().Single().Select(i => Text(i)).ToList();
        Assert.StartsWith($"{Gmt(logged)} · Engineer", timeline[0], StringComparison.Ordinal);
        Assert.Contains("Logged: Logged P2 Storage fault from Grade 2", timeline[0], StringComparison.Ordinal);
        Assert.Contains(timeline, line => line.StartsWith(Gmt(logged.AddMinutes(5)), StringComparison.Ordinal)
            && line.Contains("Escalated: Escalated from First line to Second line by rule E8", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hostile_title_and_symptoms_cannot_add_headings_links_html_or_table_rows_to_the_briefing()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        const string title = "# Pwned [click](http://evil.example) <script>alert(1)</script> | *bold* `code` &amp; ~~gone~~";
        const string symptoms = "1. first\n- item\n> quoted\n---\n<img src=x onerror=alert(1)>\n    indented\n| a | b |\n|---|---|\n[ref]: http://evil.example\n=====";
        var fault = await new FaultBuilder(suiteId).Titled(title, symptoms).SendAsync(manager);
        var id = fault.GetProperty("id").GetGuid();
        await manager.PostAsJsonAsync($"/api/v1/faults/{id}/comments", new { text = "## Also a heading\n* and a list" });

        var markdown = await manager.GetStringAsync($"/api/v1/faults/{id}/briefing");

        var document = Markdown.Parse(markdown, Gfm);
        Assert.Equal($"{fault.GetProperty("number").GetString()}: {title}", Text(Headings(document, 1).Single()));
        Assert.Equal(11, Headings(document, 2).Count());
        Assert.Empty(Headings(document, 3));
        Assert.Empty(document.Descendants<LinkInline>());
        Assert.Empty(document.Descendants<AutolinkInline>());
        Assert.Empty(document.Descendants<HtmlInline>());
        Assert.Empty(document.Descendants<HtmlBlock>());
        Assert.Empty(document.Descendants<CodeInline>());
        Assert.Empty(document.Descendants<CodeBlock>());
        Assert.Empty(document.Descendants<QuoteBlock>());
        Assert.Empty(document.Descendants<ThematicBreakBlock>());
        Assert.Empty(document.Descendants<HtmlEntityInline>());
        Assert.DoesNotContain(document.Descendants<EmphasisInline>(), e => e.DelimiterChar != '*' || e.DelimiterCount != 2);
        // The symptoms stay one paragraph of literal lines, every character as typed.
        var paragraph = Assert.IsType<ParagraphBlock>(Assert.Single(Section(document, "Symptoms")));
        Assert.Equal(symptoms.Replace("    indented", "indented", StringComparison.Ordinal), Text(paragraph));
        Assert.Single(document.Descendants<Markdig.Extensions.Tables.Table>()); // the SLA's own
        var html = Markdown.ToHtml(markdown, Gfm);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_briefing_names_the_other_faults_of_its_recurring_problem_that_the_reader_may_see(bool cleared)
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        // A model of its own: the same make, model and firmware elsewhere would join the recurrence (E6).
        var model = $"TS2290-{Guid.NewGuid():N}"[..14];
        var suiteId = await new SuiteBuilder().WithEquipment(EquipmentKind.LtoDrive, "IBM", model, "Q3G5").SendAsync(manager);
        var drive = await EquipmentAsync(manager, suiteId, model);
        var restricted = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(manager);
        var reporter = (await app.UserAsync(Role.Operator, restricted)).Client;
        var first = await new FaultBuilder(suiteId).On(drive).Titled("LTO write errors on tape 1").SendAsync(reporter);
        var hidden = await new FaultBuilder(suiteId).On(drive).For(restricted).Titled("LTO write errors on tape 2").SendAsync(reporter);
        var third = await new FaultBuilder(suiteId).On(drive).Titled("LTO write errors on tape 3").SendAsync(reporter);
        var reader = (cleared ? await app.UserAsync(Role.Engineer, restricted) : await app.UserAsync(Role.Engineer)).Client;

        var markdown = await reader.GetStringAsync($"/api/v1/faults/{third.GetProperty("id").GetGuid()}/briefing");

        var others = cleared
            ? $"{first.GetProperty("number").GetString()} (New), {hidden.GetProperty("number").GetString()} (New)"
            : $"{first.GetProperty("number").GetString()} (New)";
        Assert.Contains($"## Recurring problem\n\nPart of a recurring problem with {others}.\n", markdown, StringComparison.Ordinal);
        Assert.Equal(cleared, markdown.Contains(hidden.GetProperty("number").GetString()!, StringComparison.Ordinal));
    }

    public static TheoryData<Role, bool, bool> RestrictedReaders => new()
    {
        { Role.Engineer, false, false },
        { Role.Manager, false, false },
        { Role.Admin, false, false },
        { Role.Engineer, true, true },
        { Role.Operator, true, true },
    };

    [Theory]
    [MemberData(nameof(RestrictedReaders))]
    public async Task A_restricted_faults_briefing_is_read_only_by_those_cleared_and_is_not_found_for_anyone_else(Role role,
        bool cleared, bool visible)
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var productionId = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(manager);
        var reporter = (await app.UserAsync(Role.Operator, productionId)).Client;
        var id = (await new FaultBuilder(suiteId).For(productionId).Titled("Codename Heron: conform fails on reel 3")
            .SendAsync(reporter)).GetProperty("id").GetGuid();
        var reader = (cleared ? await app.UserAsync(role, productionId) : await app.UserAsync(role)).Client;
        var pages = app.PagesFor(reader);

        var briefing = await reader.GetAsync($"/api/v1/faults/{id}/briefing");
        var page = await pages.RequestAsync($"/faults/{id}/briefing");
        var download = await pages.RequestAsync($"/faults/{id}/briefing?handler=Markdown");

        if (visible)
        {
            Assert.Equal(HttpStatusCode.OK, briefing.StatusCode);
            var markdown = await briefing.Content.ReadAsStringAsync();
            Assert.Contains("Codename Heron", markdown, StringComparison.Ordinal);
            Assert.Contains("**Restricted:** share this briefing only with people cleared for its production.", markdown,
                StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.Contains("Codename Heron", page.Source, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, download.Status);
            Assert.Equal(markdown.Split('\n').Skip(3), download.Source.Split('\n').Skip(3));
            return;
        }

        var unknown = await reader.GetAsync($"/api/v1/faults/{Guid.NewGuid()}/briefing");
        Assert.Equal(HttpStatusCode.NotFound, briefing.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(await BodyAsync(unknown), await BodyAsync(briefing));
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.DoesNotContain("Heron", page.Source, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, download.Status);
    }

    [Fact]
    public async Task The_printable_briefing_shows_the_same_facts_and_the_fault_page_links_to_it()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().WithEquipment(EquipmentKind.SharedStorage, "Avid", "NEXIS E2", "2024.6").SendAsync(manager);
        var productionId = await new ProductionBuilder()
            .WithSpec(new { frameRate = "25", bitDepth = "10", sampleRate = "48 kHz", loudnessTarget = "-23 LUFS" }, "2026-12-04T18:00:00Z")
            .SendAsync(manager);
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var id = (await new FaultBuilder(suiteId).For(productionId).Titled("Bins <won't> open on NEXIS").SendAsync(engineer))
            .GetProperty("id").GetGuid();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds", new
        {
            description = "Mix down to -16 LUFS stems locally", acceptability = "Unacceptable",
            changes = new Dictionary<string, string> { ["loudness"] = "-16" },
        });
        var pages = app.PagesFor(engineer);

        var details = (await pages.RequestAsync($"/faults/{id}")).Source;
        var printable = await pages.RequestAsync($"/faults/{id}/briefing");

        Assert.Contains($"href=\"/faults/{id}/briefing\">Briefing (printable)</a>", details, StringComparison.Ordinal);
        Assert.Contains($"href=\"/faults/{id}/briefing?handler=Markdown\">Markdown</a>", details, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, printable.Status);
        var html = printable.Source;
        Assert.Contains("<article class=\"briefing\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"no-print briefing-tools\"", html, StringComparison.Ordinal);
        Assert.Contains("Bins &lt;won&#x27;t&gt; open on NEXIS", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Bit depth</dt><dd>10</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Sample rate</dt><dd>48 kHz</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Delivery deadline</dt><dd>Fri 4 Dec 2026, 18:00 GMT</dd>", html, StringComparison.Ordinal);
        Assert.Contains("-16 LUFS is off the deliverable&#x27;s -23 LUFS target.", html, StringComparison.Ordinal);
        Assert.Contains("<td>NEXIS E2</td>", html, StringComparison.Ordinal);
        var download = await pages.RequestAsync($"/faults/{id}/briefing?handler=Markdown");
        Assert.Equal("text/markdown", download.MediaType);
        Assert.EndsWith("-briefing.md", download.FileName, StringComparison.Ordinal);
    }

    // The test clock is in November, when the facility's clock (Europe/London) reads UTC and says GMT.
    private static string Gmt(DateTimeOffset at) =>
        at.UtcDateTime.ToString("ddd d MMM yyyy, HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en-GB")) + " GMT";

    private static async Task<Guid> EquipmentAsync(HttpClient client, Guid suiteId, string model)
    {
        var suites = await client.GetFromJsonAsync<JsonElement>("/api/v1/suites");
        return suites.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("id").GetGuid() == suiteId)
            .GetProperty("equipment").EnumerateArray().Single(e => e.GetProperty("model").GetString() == model)
            .GetProperty("id").GetGuid();
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }

    private static IEnumerable<HeadingBlock> Headings(MarkdownDocument document, int level) =>
        document.Descendants<HeadingBlock>().Where(h => h.Level == level);

    // The blocks between a level-2 heading and the next one.
    private static List<Block> Section(MarkdownDocument document, string heading) =>
        document.SkipWhile(b => b is not HeadingBlock { Level: 2 } h || Text(h) != heading).Skip(1)
            .TakeWhile(b => b is not HeadingBlock { Level: 2 }).ToList();

    private static List<string[]> Rows(Markdig.Extensions.Tables.Table table) =>
        table.OfType<Markdig.Extensions.Tables.TableRow>()
            .Select(r => r.OfType<Markdig.Extensions.Tables.TableCell>().Select(c => Text(c)).ToArray()).ToList();

    // What a reader sees of a block: its literal text, line breaks as "\n", markup gone.
    private static string Text(MarkdownObject node) => node switch
    {
        LeafBlock { Inline: { } inline } => Text(inline),
        ContainerBlock container => string.Join(" ", container.Select(Text)),
        LiteralInline literal => literal.Content.ToString(),
        LineBreakInline => "\n",
        CodeInline code => code.Content,
        ContainerInline inlines => string.Concat(inlines.Select(Text)),
        _ => "",
    };
}
