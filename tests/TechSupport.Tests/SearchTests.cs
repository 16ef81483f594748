using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

public sealed class SearchTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    private async Task<(HttpClient Manager, Guid SuiteId)> FacilityAsync()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        return (manager, await new SuiteBuilder().SendAsync(manager));
    }

    private static async Task<Guid> ResolveAsync(HttpClient engineer, Guid faultId, string fix) =>
        (await (await engineer.PostAsJsonAsync($"/api/v1/faults/{faultId}/resolve", new { fix })).JsonAsync()).GetProperty("id").GetGuid();

    private static string[] Titles(JsonElement results, string property = "hits") =>
        results.GetProperty(property).EnumerateArray().Select(h => h.GetProperty("title").GetString()!).ToArray();

    [Fact]
    public async Task A_logged_fault_is_found_by_symptom_with_typos_and_by_its_number()
    {
        var (manager, suiteId) = await FacilityAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var fault = await new FaultBuilder(suiteId).Titled($"Resolve playback stutters from the SAN {tag}",
            "Dropped frames after the 19.1 update on the NEXIS workspace").SendAsync(manager);
        await app.IndexedAsync();

        var bySymptom = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/search?q=playbak+stuter+{tag}");
        var byNumber = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={fault.GetProperty("number").GetString()}");

        Assert.Equal($"Resolve playback stutters from the SAN {tag}", Titles(bySymptom)[0]);
        var hit = byNumber.GetProperty("hits")[0];
        Assert.Equal(fault.GetProperty("id").GetGuid(), hit.GetProperty("id").GetGuid());
        Assert.Equal("fault", hit.GetProperty("kind").GetString());
        Assert.False(byNumber.GetProperty("degraded").GetBoolean());
    }

    [Fact]
    public async Task An_empty_query_browses_exactly_the_faults_the_list_shows_with_facets()
    {
        var (manager, suiteId) = await FacilityAsync();
        foreach (var severity in new[] { Severity.P1, Severity.P2, Severity.P3 })
        {
            await new FaultBuilder(suiteId).WithSeverity(severity).SendAsync(manager);
        }

        await app.IndexedAsync();
        var operatorClient = (await app.UserAsync(Role.Operator)).Client;

        foreach (var client in new[] { manager, operatorClient })
        {
            var browse = await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?kind=fault&suiteId={suiteId}");
            var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}");
            Assert.Equal(list.GetProperty("total").GetInt32(), browse.GetProperty("total").GetInt32());
            var suiteFacet = browse.GetProperty("facets").GetProperty("suite").EnumerateArray().Single();
            Assert.Equal(suiteId.ToString(), suiteFacet.GetProperty("value").GetString());
            Assert.Equal(3, suiteFacet.GetProperty("count").GetInt32());
        }
    }

    public static TheoryData<Role, bool> Roles => new()
    {
        { Role.Operator, false }, { Role.Operator, true }, { Role.Engineer, false }, { Role.Engineer, true },
        { Role.Manager, false }, { Role.Manager, true }, { Role.Admin, false }, { Role.Admin, true },
    };

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task A_restricted_faults_words_surface_only_for_those_cleared_in_hits_facets_suggestions_and_similar(
        Role role, bool cleared)
    {
        var (manager, suiteId) = await FacilityAsync();
        var restricted = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(manager);
        var engineer = (await app.UserAsync(Role.Engineer, restricted)).Client;
        var word = "zorblax" + Guid.NewGuid().ToString("N")[..6];
        var secret = await new FaultBuilder(suiteId).For(restricted)
            .Titled($"Leaked cut of the finale {word}", $"Watermarked {word} frames found on a courier drive").SendAsync(engineer);
        var secretId = secret.GetProperty("id").GetGuid();
        await ResolveAsync(engineer, secretId, $"Drive wiped and {word} watermark traced");
        var twin = await new FaultBuilder(suiteId).Titled($"Leaked cut of the finale {word} again", $"Watermarked {word} frames")
            .SendAsync(manager);
        await app.IndexedAsync();
        var viewer = cleared ? (await app.UserAsync(role, restricted)).Client : (await app.UserAsync(role)).Client;

        var search = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/search?q={word}");
        var browse = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/search?suiteId={suiteId}");
        var suggestions = await (await viewer.PostAsJsonAsync("/api/v1/search/suggestions",
            new { suiteId, title = $"Leaked cut {word}", symptoms = $"Watermarked {word} frames" })).JsonAsync();
        var similar = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{twin.GetProperty("id").GetGuid()}/similar");

        bool Mentions(JsonElement e, string property) =>
            e.GetProperty(property).EnumerateArray().Any(h => h.GetProperty("id").GetGuid() == secretId);
        Assert.Equal(cleared, Mentions(search, "hits"));
        Assert.Equal(cleared ? 2 : 1, search.GetProperty("total").GetInt32());
        Assert.Equal(cleared ? 2 : 1, browse.GetProperty("facets").GetProperty("suite").EnumerateArray().Single().GetProperty("count").GetInt32());
        Assert.Equal(cleared ? 1 : 0, browse.GetProperty("facets").GetProperty("status").EnumerateArray()
            .Where(f => f.GetProperty("value").GetString() == "Resolved").Sum(f => f.GetProperty("count").GetInt32()));
        Assert.Equal(cleared, Mentions(suggestions, "hits"));
        Assert.Equal(cleared, Mentions(similar, "items"));
        if (!cleared)
        {
            Assert.DoesNotContain("courier", search.ToString());
        }
    }

    [Fact]
    public async Task Suggestions_offer_resolved_fixes_with_their_workarounds_acceptability_and_configuration_match()
    {
        var (manager, suiteId) = await FacilityAsync();
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var word = "quuxinator" + Guid.NewGuid().ToString("N")[..4];
        var fault = await new FaultBuilder(suiteId).Titled($"SDI output black on the {word} card", "No signal after driver update")
            .SendAsync(engineer);
        var id = fault.GetProperty("id").GetGuid();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds",
            new { description = "Use the HDMI monitor output", acceptability = "Unacceptable" });
        await ResolveAsync(engineer, id, "Roll Desktop Video back to 14.1");
        await new FaultBuilder(suiteId).Titled($"SDI output black on the {word} card, still open").SendAsync(engineer);
        await app.IndexedAsync();

        var response = await manager.PostAsJsonAsync("/api/v1/search/suggestions",
            new { suiteId, title = $"black SDI {word}", symptoms = "no signal" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = (await response.JsonAsync()).GetProperty("hits").EnumerateArray().ToList();
        var hit = hits[0];
        Assert.Equal(id, hit.GetProperty("id").GetGuid());
        Assert.DoesNotContain(hits, h => h.GetProperty("title").GetString()!.EndsWith("still open", StringComparison.Ordinal));
        Assert.Equal("Roll Desktop Video back to 14.1", hit.GetProperty("fix").GetString());
        Assert.Equal("Unacceptable", hit.GetProperty("workaround").GetProperty("acceptability").GetString());
        Assert.InRange(hit.GetProperty("configurationMatch").GetDouble(), 0, 1);
    }

    [Fact]
    public async Task A_fix_from_a_suite_with_the_same_kit_is_suggested_above_an_equally_worded_one_from_different_kit()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        SuiteBuilder GradeKit() => new SuiteBuilder()
            .WithEquipment(EquipmentKind.Software, "Blackmagic Design", "DaVinci Resolve Studio", "19.1.2")
            .WithEquipment(EquipmentKind.IoCard, "Blackmagic Design", "DeckLink 8K Pro", "Desktop Video 14.2");
        var sameKit = await GradeKit().SendAsync(manager);
        var otherKit = await new SuiteBuilder()
            .WithEquipment(EquipmentKind.Software, "Avid", "Media Composer Ultimate", "2024.10")
            .WithEquipment(EquipmentKind.IoCard, "AJA", "KONA 5", "Driver 17.1")
            .SendAsync(manager);
        var operatorsSuite = await GradeKit().SendAsync(manager);
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var word = "flimwobble" + Guid.NewGuid().ToString("N")[..4];
        async Task<Guid> ResolvedOnAsync(Guid suiteId)
        {
            var fault = await new FaultBuilder(suiteId).Titled($"Viewer freezes on {word} clips", "Playback halts after a few frames")
                .SendAsync(engineer);
            var id = fault.GetProperty("id").GetGuid();
            await ResolveAsync(engineer, id, "Clear the render cache and relink the media");
            return id;
        }

        var fromOtherKit = await ResolvedOnAsync(otherKit);
        var fromSameKit = await ResolvedOnAsync(sameKit);
        await app.IndexedAsync();
        var operatorClient = (await app.UserAsync(Role.Operator)).Client;

        var suggestions = await (await operatorClient.PostAsJsonAsync("/api/v1/search/suggestions",
            new { suiteId = operatorsSuite, title = $"Viewer freezes on {word} clips", symptoms = "Playback halts" })).JsonAsync();

        var hits = suggestions.GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal([fromSameKit, fromOtherKit], hits.Select(h => h.GetProperty("id").GetGuid()).Take(2));
        Assert.True(hits[0].GetProperty("configurationMatch").GetDouble() > 0);
        Assert.Equal(0, hits[1].GetProperty("configurationMatch").GetDouble());
        Assert.True(hits[0].GetProperty("score").GetDouble() > hits[1].GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task A_suggested_fix_says_under_what_conditions_its_workaround_is_acceptable_for_the_fault_and_its_article()
    {
        var (manager, suiteId) = await FacilityAsync();
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var word = "flimbertrax" + Guid.NewGuid().ToString("N")[..4];
        const string conditions = "Only for offline review copies; never on the deliverable master";
        var id = (await new FaultBuilder(suiteId).Titled($"Timecode burn-in missing on {word} exports", "Exports come out clean")
            .SendAsync(engineer)).GetProperty("id").GetGuid();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds",
            new { description = "Burn in timecode with the export preset", acceptability = "AcceptableWithConditions", conditions });
        await ResolveAsync(engineer, id, "Re-enable the data burn-in window in the project settings");
        var articleId = (await (await engineer.PostAsync($"/api/v1/faults/{id}/promote", null)).JsonAsync()).GetProperty("id").GetGuid();
        await app.IndexedAsync();

        var response = await manager.PostAsJsonAsync("/api/v1/search/suggestions",
            new { suiteId, title = $"no timecode burn-in {word}", symptoms = "exports clean" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hits = (await response.JsonAsync()).GetProperty("hits").EnumerateArray().ToList();
        Assert.Equal(new[] { id, articleId }.Order(), hits.Select(h => h.GetProperty("id").GetGuid()).Order());
        Assert.All(hits, hit =>
        {
            var workaround = hit.GetProperty("workaround");
            Assert.Equal("Burn in timecode with the export preset", workaround.GetProperty("description").GetString());
            Assert.Equal("AcceptableWithConditions", workaround.GetProperty("acceptability").GetString());
            Assert.Equal(conditions, workaround.GetProperty("conditions").GetString());
        });
    }

    [Fact]
    public async Task When_the_engine_is_down_faults_are_still_logged_search_is_degraded_and_the_outbox_catches_up()
    {
        var (manager, suiteId) = await FacilityAsync();
        var tag = "offline" + Guid.NewGuid().ToString("N")[..6];
        app.SearchEngine.Down = true;
        try
        {
            var logged = await manager.PostAsJsonAsync("/api/v1/faults", new FaultBuilder(suiteId).Titled($"Audio drifts {tag}").Body);
            Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
            await app.IndexedAsync();

            var degraded = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/search?q=DRIFTS+{tag.ToUpperInvariant()}");
            Assert.True(degraded.GetProperty("degraded").GetBoolean());
            Assert.Equal([$"Audio drifts {tag}"], Titles(degraded));
            var ready = await app.CreateClient().GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Degraded", (await ready.JsonAsync()).GetProperty("checks").GetProperty("search").GetProperty("status").GetString());
        }
        finally
        {
            app.SearchEngine.Down = false;
        }

        app.Clock.Advance(TimeSpan.FromMinutes(6)); // past the longest back-off
        await app.IndexedAsync();
        var recovered = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/search?q=drifts+{tag}");
        Assert.False(recovered.GetProperty("degraded").GetBoolean());
        Assert.Equal([$"Audio drifts {tag}"], Titles(recovered));
    }

    [Theory]
    [InlineData("\"unbalanced quote")]
    [InlineData("title:*")]
    [InlineData("(((")]
    [InlineData("back\\slash AND OR NOT")]
    [InlineData("~!@#$%^&*()_+{}|:<>?")]
    public async Task Query_syntax_characters_never_fail(string q)
    {
        var (manager, _) = await FacilityAsync();

        var response = await manager.GetAsync($"/api/v1/search?q={Uri.EscapeDataString(q)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Long_queries_huge_pages_and_unknown_facets_get_a_clear_answer()
    {
        var (manager, _) = await FacilityAsync();

        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/api/v1/search?q={new string('a', 999)}")).StatusCode);
        await Problems.AssertFieldErrorAsync(await manager.GetAsync($"/api/v1/search?q={new string('a', 1_001)}"), "q");
        var huge = await manager.GetFromJsonAsync<JsonElement>("/api/v1/search?pageSize=100000");
        Assert.True(huge.GetProperty("hits").GetArrayLength() <= 100);
        var beyond = await manager.GetFromJsonAsync<JsonElement>("/api/v1/search?page=9999");
        Assert.Empty(beyond.GetProperty("hits").EnumerateArray());
        var unknown = await manager.GetFromJsonAsync<JsonElement>("/api/v1/search?category=Weather&status=Sleeping");
        Assert.Equal(0, unknown.GetProperty("total").GetInt32());
        await Problems.AssertFieldErrorAsync(await manager.GetAsync("/api/v1/search?kind=gossip"), "kind");
        await Problems.AssertFieldErrorAsync(await manager.GetAsync("/api/v1/search?page=0"), "page");
    }

    [Fact]
    public async Task A_promoted_article_keeps_its_classification_and_a_manager_publishes_a_standard_copy()
    {
        var (manager, suiteId) = await FacilityAsync();
        var confidential = await new ProductionBuilder().Classified(Classification.Confidential).SendAsync(manager);
        var engineer = (await app.UserAsync(Role.Engineer, confidential)).Client;
        var id = (await new FaultBuilder(suiteId).For(confidential).SendAsync(engineer)).GetProperty("id").GetGuid();
        await ResolveAsync(engineer, id, "Raise the NEXIS client cache to 4 GB");

        var promoted = await engineer.PostAsync($"/api/v1/faults/{id}/promote", null);
        Assert.Equal(HttpStatusCode.Created, promoted.StatusCode);
        var article = await promoted.JsonAsync();
        var articleId = article.GetProperty("id").GetGuid();
        Assert.Equal("Confidential", article.GetProperty("classification").GetString());
        Assert.Equal(confidential, article.GetProperty("production").GetProperty("id").GetGuid());

        var operatorClient = (await app.UserAsync(Role.Operator)).Client;
        Assert.Equal(HttpStatusCode.NotFound, (await operatorClient.GetAsync($"/api/v1/articles/{articleId}")).StatusCode);

        var copy = await manager.PostAsJsonAsync($"/api/v1/articles/{articleId}/standard-copy", new
        {
            title = "NEXIS playback stutters: raise the client cache", symptoms = "Dropped frames from shared storage",
            fix = "Raise the NEXIS client cache to 4 GB", workaround = new { description = "Cache locally", acceptability = "Acceptable" },
        });
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        var copyId = (await copy.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync($"/api/v1/articles/{copyId}")).StatusCode);
        var original = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{articleId}");
        Assert.Equal("Confidential", original.GetProperty("classification").GetString());

        await app.IndexedAsync();
        var found = await operatorClient.GetFromJsonAsync<JsonElement>("/api/v1/search?q=client+cache&kind=article");
        Assert.Equal([copyId], found.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task A_promoted_article_keeps_the_conditions_of_the_faults_latest_workaround()
    {
        var (_, suiteId) = await FacilityAsync();
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var id = (await new FaultBuilder(suiteId).SendAsync(engineer)).GetProperty("id").GetGuid();
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds",
            new { description = "Render from the proxies", acceptability = "Unacceptable" });
        await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/workarounds", new
        {
            description = "Play from the local cache",
            acceptability = "AcceptableWithConditions",
            conditions = "Only for offline review copies; never on the deliverable master",
        });
        await ResolveAsync(engineer, id, "Raise the NEXIS client cache to 4 GB");

        var promoted = await engineer.PostAsync($"/api/v1/faults/{id}/promote", null);

        Assert.Equal(HttpStatusCode.Created, promoted.StatusCode);
        var articleId = (await promoted.JsonAsync()).GetProperty("id").GetGuid();
        var workaround = (await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{articleId}")).GetProperty("workaround");
        Assert.Equal("Play from the local cache", workaround.GetProperty("description").GetString());
        Assert.Equal("AcceptableWithConditions", workaround.GetProperty("acceptability").GetString());
        Assert.Equal("Only for offline review copies; never on the deliverable master", workaround.GetProperty("conditions").GetString());
    }

    [Fact]
    public async Task An_articles_workaround_conditions_are_written_edited_and_kept_by_a_standard_copy()
    {
        var (manager, _) = await FacilityAsync();
        var confidential = await new ProductionBuilder().Classified(Classification.Confidential).SendAsync(manager);
        var engineer = (await app.UserAsync(Role.Engineer, confidential)).Client;
        object Body(string conditions) => new
        {
            title = "Audio drifts against picture after a frame-rate change",
            symptoms = "Sync slips a frame every minute",
            fix = "Re-conform at 23.976",
            productionId = confidential,
            workaround = new { description = "Nudge the audio by hand", acceptability = "AcceptableWithConditions", conditions },
        };

        var written = await engineer.PostAsJsonAsync("/api/v1/articles", Body("Only on the offline cut"));
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        var id = (await written.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal("Only on the offline cut", await ConditionsAsync(engineer, id));

        var edited = await engineer.PutAsJsonAsync($"/api/v1/articles/{id}", Body("Only on the offline cut, and say so to the mixer"));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("Only on the offline cut, and say so to the mixer",
            (await edited.JsonAsync()).GetProperty("workaround").GetProperty("conditions").GetString());
        Assert.Equal("Only on the offline cut, and say so to the mixer", await ConditionsAsync(engineer, id));

        var copy = await manager.PostAsJsonAsync($"/api/v1/articles/{id}/standard-copy", Body("Never on the deliverable"));
        Assert.Equal(HttpStatusCode.Created, copy.StatusCode);
        var copyId = (await copy.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal("Never on the deliverable", await ConditionsAsync(manager, copyId));
        Assert.Equal("Only on the offline cut, and say so to the mixer", await ConditionsAsync(manager, id));
    }

    [Fact]
    public async Task Over_long_workaround_conditions_on_an_article_are_refused_by_name_and_change_nothing()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        object Body(string conditions) => new
        {
            title = "Loudness meter reads 2 LU high",
            symptoms = "Integrated loudness is off against the reference",
            fix = "Recalibrate the meter plug-in",
            workaround = new { description = "Measure on the QC bay meter", acceptability = "AcceptableWithConditions", conditions },
        };
        var written = await engineer.PostAsJsonAsync("/api/v1/articles", Body(new string('c', 1_000)));
        Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        var id = (await written.JsonAsync()).GetProperty("id").GetGuid();
        var articles = (await engineer.GetFromJsonAsync<JsonElement>("/api/v1/articles")).GetProperty("total").GetInt32();

        await Problems.AssertFieldErrorAsync(await engineer.PostAsJsonAsync("/api/v1/articles", Body(new string('c', 1_001))),
            "workaroundConditions");
        await Problems.AssertFieldErrorAsync(await engineer.PutAsJsonAsync($"/api/v1/articles/{id}", Body(new string('d', 1_001))),
            "workaroundConditions");

        Assert.Equal(articles, (await engineer.GetFromJsonAsync<JsonElement>("/api/v1/articles")).GetProperty("total").GetInt32());
        Assert.Equal(new string('c', 1_000), await ConditionsAsync(engineer, id));
    }

    private static async Task<string?> ConditionsAsync(HttpClient client, Guid articleId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/articles/{articleId}")).GetProperty("workaround").GetProperty("conditions")
        .GetString();

    [Fact]
    public async Task Only_a_resolved_fault_can_be_promoted()
    {
        var (manager, suiteId) = await FacilityAsync();
        var id = (await new FaultBuilder(suiteId).SendAsync(manager)).GetProperty("id").GetGuid();

        var response = await manager.PostAsync($"/api/v1/faults/{id}/promote", null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
