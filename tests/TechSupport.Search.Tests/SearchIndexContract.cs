using TechSupport.Search;

namespace TechSupport.Search.Tests;

// What a user notices of search, whichever engine answers: run once per adapter by a class that
// says how to make an index. Each test gets a fresh, empty index.
public abstract class SearchIndexContract : IAsyncLifetime
{
    private ISearchIndex? index;

    protected ISearchIndex Index => index ?? throw new InvalidOperationException("The index is made in InitializeAsync.");

    // A new, empty index for one test.
    protected abstract Task<ISearchIndex> CreateIndexAsync();

    // Lets the engine make writes visible (Elasticsearch refreshes); Lucene's are visible at once.
    protected virtual Task SettleAsync() => Task.CompletedTask;

    // Closes the index and removes what it stored.
    protected virtual async Task DeleteIndexAsync(ISearchIndex created)
    {
        switch (created)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync();
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    public async Task InitializeAsync() => index = await CreateIndexAsync();

    public async Task DisposeAsync()
    {
        if (index is not null)
        {
            await DeleteIndexAsync(index);
        }
    }

    protected static CancellationToken None => CancellationToken.None;

    protected async Task IndexAsync(params SearchDocumentBuilder[] documents)
    {
        await Index.IndexAsync(documents.Select(d => d.Build()).ToList(), None);
        await SettleAsync();
    }

    protected Task<SearchResults> SearchAsync(string? text, SearchAccess? access = null, int page = 1, int pageSize = 25) =>
        Index.SearchAsync(new SearchQuery { Access = access ?? Callers.Operator(), Text = text, Page = page, PageSize = pageSize }, None);

    protected static List<string> Keys(SearchResults results) => results.Hits.Select(h => h.Key).ToList();

    protected static long FacetCount(SearchResults results, string facet, string value) =>
        results.Facets.TryGetValue(facet, out var counts) ? counts.FirstOrDefault(c => c.Value == value)?.Count ?? 0 : 0;

    // Finding a past fault

    [Fact]
    public async Task A_fault_is_found_by_a_word_of_its_symptoms()
    {
        var stutter = SearchDocumentBuilder.Fault("Resolve playback problem").WithSymptoms("Playback stutters every few seconds from the workspace.");
        var audio = SearchDocumentBuilder.Fault("Pro Tools session will not open").WithSymptoms("The session file is reported as damaged.");
        await IndexAsync(stutter, audio);

        var results = await SearchAsync("stutters");

        Assert.Equal([stutter.Key], Keys(results));
        Assert.Equal(1, results.Total);
    }

    [Fact]
    public async Task A_typo_still_finds_the_fault()
    {
        var stutter = SearchDocumentBuilder.Fault("Resolve playback stutter on the grade").WithSymptoms("Playback stutter every few seconds.");
        var audio = SearchDocumentBuilder.Fault("Pro Tools session will not open").WithSymptoms("The session file is reported as damaged.");
        await IndexAsync(stutter, audio);

        var results = await SearchAsync("playbak stuter");

        Assert.Equal(stutter.Key, Assert.Single(results.Hits).Key);
    }

    [Fact]
    public async Task Shared_storage_finds_a_fault_that_says_SAN()
    {
        var san = SearchDocumentBuilder.Fault("Clips go offline").WithSymptoms("The SAN dropped for ten seconds and every clip went offline.");
        var deck = SearchDocumentBuilder.Fault("Deck will not eject").WithSymptoms("The tape is stuck in the HDCAM SR deck.");
        await IndexAsync(san, deck);

        var results = await SearchAsync("shared storage");

        Assert.Equal([san.Key], Keys(results));
    }

    [Fact]
    public async Task Skipped_frames_finds_a_fault_about_dropped_frames()
    {
        var dropped = SearchDocumentBuilder.Fault("Dropped frames on output").WithSymptoms("The DeckLink reports dropped frames during playout to the client monitor.");
        var licence = SearchDocumentBuilder.Fault("Licence server unreachable").WithSymptoms("Avid cannot check out a licence.");
        await IndexAsync(dropped, licence);

        var results = await SearchAsync("skipped frames");

        Assert.Equal(dropped.Key, results.Hits[0].Key);
        Assert.DoesNotContain(licence.Key, Keys(results));
    }

    [Fact]
    public async Task Colour_finds_a_fault_about_the_grade()
    {
        var grade = SearchDocumentBuilder.Fault("Grade looks different on the client monitor").WithSymptoms("The grade shifts between the GUI and the SDI output.");
        var network = SearchDocumentBuilder.Fault("Slow network copy").WithSymptoms("Copies to the NAS crawl at 20 MB/s.");
        await IndexAsync(grade, network);

        var results = await SearchAsync("colour");

        Assert.Equal([grade.Key], Keys(results));
    }

    [Fact]
    public async Task A_version_number_ranks_the_fault_on_that_version_above_one_on_another()
    {
        var current = SearchDocumentBuilder.Fault("Resolve stutters after the update").WithSymptoms("Since updating Resolve to 19.1 playback stutters from the SAN.");
        var older = SearchDocumentBuilder.Fault("Resolve stutters after the update").WithSymptoms("Since updating Resolve to 18.6 playback stutters from the SAN.");
        await IndexAsync(older, current);

        var results = await SearchAsync("resolve stutters after 19.1 update");

        Assert.Equal(current.Key, results.Hits[0].Key);
        Assert.Contains(older.Key, Keys(results));
    }

    [Fact]
    public async Task A_dotted_version_finds_its_point_releases()
    {
        var point = SearchDocumentBuilder.Fault("Fusion page crashes").WithSymptoms("Resolve 19.1.2 quits when opening the Fusion page.");
        var other = SearchDocumentBuilder.Fault("Fusion page crashes").WithSymptoms("Resolve 18.6.4 quits when opening the Fusion page.");
        await IndexAsync(point, other);

        var results = await SearchAsync("19.1");

        Assert.Equal([point.Key], Keys(results));
    }

    [Fact]
    public async Task A_windows_update_number_matches_exactly()
    {
        var patched = SearchDocumentBuilder.Fault("Workstation will not boot").WithSymptoms("After KB5034441 failed to install the workstation loops at boot.");
        var neighbour = SearchDocumentBuilder.Fault("Workstation will not boot").WithSymptoms("After KB5034440 failed to install the workstation loops at boot.");
        await IndexAsync(patched, neighbour);

        var results = await SearchAsync("KB5034441");

        Assert.Equal([patched.Key], Keys(results));
    }

    [Fact]
    public async Task Error_codes_are_found_as_typed()
    {
        var avid = SearchDocumentBuilder.Fault("Media Composer error on render").WithSymptoms("Render stops with AAE-9173 and Exception: -9173.");
        var windows = SearchDocumentBuilder.Fault("Mapped drive fails").WithSymptoms("Windows reports 0x8007045d while copying to the NAS.");
        await IndexAsync(avid, windows);

        Assert.Equal(avid.Key, (await SearchAsync("AAE-9173")).Hits[0].Key);
        Assert.Equal(avid.Key, (await SearchAsync("-9173")).Hits[0].Key);
        Assert.Equal([windows.Key], Keys(await SearchAsync("0x8007045d")));
    }

    [Fact]
    public async Task A_fault_is_found_by_its_number_as_typed()
    {
        var numbered = SearchDocumentBuilder.Fault("Grade suite monitor flickers").WithNumber("TS-1042");
        var other = SearchDocumentBuilder.Fault("Fault about TS and 1043").WithNumber("TS-1043");
        await IndexAsync(numbered, other);

        Assert.Equal(numbered.Key, (await SearchAsync("TS-1042")).Hits[0].Key);
        Assert.Equal(numbered.Key, (await SearchAsync("ts-1042")).Hits[0].Key);
        Assert.Equal(numbered.Key, (await SearchAsync("1042")).Hits[0].Key);
        Assert.Equal("TS-1042", (await SearchAsync("TS-1042")).Hits[0].Number);
    }

    [Fact]
    public async Task A_fault_is_searchable_as_soon_as_it_is_indexed()
    {
        var fault = SearchDocumentBuilder.Fault("LTO drive refuses the tape").WithSymptoms("The LTO-8 drive ejects every tape.");

        await Index.IndexAsync([fault.Build()], None);
        await SettleAsync();

        Assert.Equal([fault.Key], Keys(await SearchAsync("refuses")));
    }

    [Fact]
    public async Task A_hit_carries_what_the_results_page_shows()
    {
        var suite = Guid.NewGuid();
        var fault = SearchDocumentBuilder.Fault("Grade monitor flickers")
            .WithNumber("TS-77")
            .InSuite(suite, "Grade 2")
            .WithCategory("Signal")
            .WithFix("Replaced the SDI cable.")
            .WithWorkaround("Use the second monitor.", "AcceptableWithConditions", "Only for the offline review; never for the grade.")
            .CreatedAt(SearchDocumentBuilder.Monday.AddHours(3));
        await IndexAsync(fault);

        var hit = Assert.Single((await SearchAsync("flickers")).Hits);

        Assert.Equal(DocumentKind.Fault, hit.Kind);
        Assert.Equal(fault.Build().Id, hit.Id);
        Assert.Equal("Grade monitor flickers", hit.Title);
        Assert.Equal("TS-77", hit.Number);
        Assert.Equal("Grade 2", hit.Suite);
        Assert.Equal("Signal", hit.Category);
        Assert.Equal("Resolved", hit.Status);
        Assert.Equal("Replaced the SDI cable.", hit.Fix);
        Assert.Equal("Use the second monitor.", hit.Workaround);
        Assert.Equal("AcceptableWithConditions", hit.WorkaroundAcceptability);
        Assert.Equal("Only for the offline review; never for the grade.", hit.WorkaroundConditions);
        Assert.Equal(SearchDocumentBuilder.Monday.AddHours(3), hit.CreatedAt);
        Assert.True(hit.Score > 0);
    }

    // Snippets

    [Fact]
    public async Task Snippets_mark_the_matched_words()
    {
        var fault = SearchDocumentBuilder.Fault("Playback problem").WithSymptoms("Since this morning playback stutters from the NEXIS workspace.");
        await IndexAsync(fault);

        var snippet = Assert.Single((await SearchAsync("stutter")).Hits).Snippet;

        Assert.Contains("<mark>stutters</mark>", snippet);
        Assert.Contains("NEXIS workspace", snippet);
    }

    [Fact]
    public async Task Snippets_escape_markup_typed_into_the_symptoms()
    {
        var fault = SearchDocumentBuilder.Fault("Web monitor page broken").WithSymptoms("The status page shows <script>alert('x')</script> & then stutters.");
        await IndexAsync(fault);

        var snippet = Assert.Single((await SearchAsync("stutters")).Hits).Snippet;

        Assert.DoesNotContain("<script>", snippet);
        Assert.Contains("&lt;script&gt;", snippet);
        Assert.Contains("&amp;", snippet);
        Assert.Contains("<mark>stutters</mark>", snippet);
    }

    [Fact]
    public async Task Browsing_shows_the_start_of_the_symptoms_without_marks()
    {
        var fault = SearchDocumentBuilder.Fault("Deck problem").WithSymptoms("The <b>deck</b> will not eject the tape.");
        await IndexAsync(fault);

        var snippet = Assert.Single((await SearchAsync(null)).Hits).Snippet;

        Assert.StartsWith("The &lt;b&gt;deck&lt;/b&gt; will not eject", snippet);
        Assert.DoesNotContain("<mark>", snippet);
    }

    [Fact]
    public async Task A_long_snippet_is_cut_near_the_matched_words()
    {
        var padding = string.Join(' ', Enumerable.Repeat("The suite was booked all day.", 30));
        var fault = SearchDocumentBuilder.Fault("Long report").WithSymptoms($"{padding} Then the genlock was lost. {padding}");
        await IndexAsync(fault);

        var snippet = Assert.Single((await SearchAsync("genlock")).Hits).Snippet;

        Assert.Contains("<mark>genlock</mark>", snippet);
        Assert.True(snippet.Length < 400, $"The snippet has {snippet.Length} characters.");
    }

    // Facets, filters, browsing and paging

    [Fact]
    public async Task Facets_count_every_match_not_just_the_page()
    {
        var documents = Enumerable.Range(0, 5).Select(i => SearchDocumentBuilder.Fault($"Storage fault {i}").WithSymptoms("Playback stutters.").WithCategory("Storage"))
            .Concat(Enumerable.Range(0, 3).Select(i => SearchDocumentBuilder.Fault($"Network fault {i}").WithSymptoms("Playback stutters.").WithCategory("Network")))
            .Append(SearchDocumentBuilder.Fault("Audio fault").WithSymptoms("Pops and clicks.").WithCategory("Audio"))
            .ToArray();
        await IndexAsync(documents);

        var results = await SearchAsync("stutters", pageSize: 2);

        Assert.Equal(2, results.Hits.Count);
        Assert.Equal(8, results.Total);
        var categories = results.Facets["category"];
        Assert.Equal([("Storage", 5L), ("Network", 3L)], categories.Select(c => (c.Value, c.Count)).ToList());
        Assert.All(SearchResults.FacetNames, name => Assert.True(results.Facets.ContainsKey(name), $"No {name} facet."));
    }

    [Fact]
    public async Task Facets_put_the_largest_count_first_then_order_by_label()
    {
        await IndexAsync(
            SearchDocumentBuilder.Fault("A").WithSymptoms("Stutters.").OnEquipment("Sony BVM-HX310", "Blackmagic DeckLink 8K Pro"),
            SearchDocumentBuilder.Fault("B").WithSymptoms("Stutters.").OnEquipment("Sony BVM-HX310"),
            SearchDocumentBuilder.Fault("C").WithSymptoms("Stutters.").OnEquipment("AJA Kona 5"));

        var equipment = (await SearchAsync("stutters")).Facets["equipment"];

        Assert.Equal(
            [("Sony BVM-HX310", 2L), ("AJA Kona 5", 1L), ("Blackmagic DeckLink 8K Pro", 1L)],
            equipment.Select(e => (e.Value, e.Count)).ToList());
    }

    [Fact]
    public async Task The_suite_facet_takes_the_suite_id_as_value_and_its_name_as_label()
    {
        var grade = Guid.NewGuid();
        var online = Guid.NewGuid();
        await IndexAsync(
            SearchDocumentBuilder.Fault("A").WithSymptoms("Stutters.").InSuite(grade, "Grade 1"),
            SearchDocumentBuilder.Fault("B").WithSymptoms("Stutters.").InSuite(grade, "Grade 1"),
            SearchDocumentBuilder.Fault("C").WithSymptoms("Stutters.").InSuite(online, "Online 3"));

        var suites = (await SearchAsync("stutters")).Facets["suite"];

        Assert.Equal(
            [(grade.ToString(), "Grade 1", 2L), (online.ToString(), "Online 3", 1L)],
            suites.Select(s => (s.Value, s.Label, s.Count)).ToList());
    }

    [Fact]
    public async Task Filters_narrow_the_hits_and_the_counts()
    {
        var grade = Guid.NewGuid();
        var storage = SearchDocumentBuilder.Fault("Storage stutter").WithSymptoms("Stutters.").WithCategory("Storage").InSuite(grade, "Grade 1").OnEquipment("Avid NEXIS E4").WithStatus("New");
        var network = SearchDocumentBuilder.Fault("Network stutter").WithSymptoms("Stutters.").WithCategory("Network").InSuite(Guid.NewGuid(), "Online 1").WithStatus("Closed");
        var article = SearchDocumentBuilder.Article("Stutter checklist").WithSymptoms("Stutters: check the storage first.").WithCategory("Storage");
        await IndexAsync(storage, network, article);
        var access = Callers.Operator();

        async Task<SearchResults> Filtered(Func<SearchQuery, SearchQuery> filter) =>
            await Index.SearchAsync(filter(new SearchQuery { Access = access, Text = "stutters" }), None);

        var byCategory = await Filtered(q => q with { Category = "Storage" });
        Assert.Equal(new[] { storage.Key, article.Key }.Order(), Keys(byCategory).Order());
        Assert.Equal(2, byCategory.Total);
        Assert.Equal(0, FacetCount(byCategory, "category", "Network"));

        Assert.Equal([storage.Key], Keys(await Filtered(q => q with { SuiteId = grade })));
        Assert.Equal([storage.Key], Keys(await Filtered(q => q with { Equipment = "Avid NEXIS E4" })));
        Assert.Equal([network.Key], Keys(await Filtered(q => q with { Status = "Closed" })));
        Assert.Equal([article.Key], Keys(await Filtered(q => q with { Kind = DocumentKind.Article })));
        Assert.Equal([storage.Key], Keys(await Filtered(q => q with { Kind = DocumentKind.Fault, Category = "Storage" })));
    }

    [Fact]
    public async Task An_unknown_facet_value_matches_nothing()
    {
        await IndexAsync(SearchDocumentBuilder.Fault("Storage stutter").WithSymptoms("Stutters.").WithCategory("Storage"));

        var results = await Index.SearchAsync(new SearchQuery { Access = Callers.Operator(), Text = "stutters", Category = "No such category", Equipment = "Nothing" }, None);

        Assert.Empty(results.Hits);
        Assert.Equal(0, results.Total);
    }

    [Fact]
    public async Task An_empty_search_browses_everything_newest_first_with_facets()
    {
        var oldest = SearchDocumentBuilder.Fault("Oldest").CreatedAt(SearchDocumentBuilder.Monday).WithCategory("Storage");
        var newest = SearchDocumentBuilder.Fault("Newest").CreatedAt(SearchDocumentBuilder.Monday.AddDays(2)).WithCategory("Audio");
        var middle = SearchDocumentBuilder.Article("Middle").CreatedAt(SearchDocumentBuilder.Monday.AddDays(1)).WithCategory("Storage");
        await IndexAsync(oldest, newest, middle);

        var results = await SearchAsync("  ");

        Assert.Equal([newest.Key, middle.Key, oldest.Key], Keys(results));
        Assert.Equal(3, results.Total);
        Assert.Equal(2, FacetCount(results, "category", "Storage"));
        Assert.All(results.Hits, h => Assert.Equal(0, h.Score));
    }

    [Fact]
    public async Task Pages_follow_one_another_and_a_page_beyond_the_end_is_empty_with_the_total()
    {
        var documents = Enumerable.Range(0, 7)
            .Select(i => SearchDocumentBuilder.Fault($"Fault {i}").CreatedAt(SearchDocumentBuilder.Monday.AddHours(i)))
            .ToArray();
        await IndexAsync(documents);

        var first = await SearchAsync(null, page: 1, pageSize: 3);
        var third = await SearchAsync(null, page: 3, pageSize: 3);
        var beyond = await SearchAsync(null, page: 9, pageSize: 3);

        Assert.Equal([documents[6].Key, documents[5].Key, documents[4].Key], Keys(first));
        Assert.Equal([documents[0].Key], Keys(third));
        Assert.Empty(beyond.Hits);
        Assert.Equal(7, beyond.Total);
    }

    [Fact]
    public async Task Huge_and_silly_pages_answer_without_error()
    {
        await IndexAsync(SearchDocumentBuilder.Fault("Only fault"));

        var huge = await SearchAsync(null, page: int.MaxValue, pageSize: int.MaxValue);
        var zero = await SearchAsync(null, page: 0, pageSize: 0);

        Assert.Empty(huge.Hits);
        Assert.Equal(1, huge.Total);
        Assert.Equal(1, zero.Total);
    }

    // File security (S2): what a caller may not see never surfaces

    [Fact]
    public async Task A_restricted_faults_words_never_surface_for_an_uncleared_caller()
    {
        var production = Guid.NewGuid();
        var secretSuite = Guid.NewGuid();
        var restricted = SearchDocumentBuilder.Fault("Leaked dailies of Project Nightjar")
            .WithSymptoms("Nightjar rushes playback stutters on the quarantined station.")
            .WithFix("Wiped the quarantined station and re-imaged it.")
            .WithCategory("Quarantine")
            .InSuite(secretSuite, "Vault suite")
            .OnEquipment("Nightjar Vault Server")
            .Restricted(production);
        var standard = SearchDocumentBuilder.Fault("Playback stutters in Grade 1")
            .WithSymptoms("Playback stutters on the grading station.")
            .WithFix("Rebound the NEXIS client to the media NIC.")
            .WithCategory("Storage");
        await IndexAsync(restricted, standard);

        foreach (var caller in new[] { Callers.Operator(), Callers.Manager(), Callers.ClearedFor(Guid.NewGuid()) })
        {
            var byItsWords = await SearchAsync("nightjar quarantined", caller);
            Assert.Empty(byItsWords.Hits);
            Assert.Equal(0, byItsWords.Total);

            var bySharedWords = await SearchAsync("playback stutters", caller);
            Assert.Equal([standard.Key], Keys(bySharedWords));
            Assert.Equal(1, bySharedWords.Total);
            Assert.Equal(0, FacetCount(bySharedWords, "category", "Quarantine"));
            Assert.Equal(0, FacetCount(bySharedWords, "equipment", "Nightjar Vault Server"));
            Assert.Equal(0, FacetCount(bySharedWords, "suite", secretSuite.ToString()));
            Assert.DoesNotContain(bySharedWords.Hits, h => h.Snippet.Contains("Nightjar", StringComparison.OrdinalIgnoreCase));

            var browsing = await SearchAsync(null, caller);
            Assert.Equal([standard.Key], Keys(browsing));
            Assert.Equal(0, FacetCount(browsing, "category", "Quarantine"));

            Assert.Equal(1, await Index.CountAsync(caller, null, None));
            Assert.Equal(1, await Index.CountAsync(caller, DocumentKind.Fault, None));

            var suggestions = await Index.SuggestAsync(new SuggestionQuery { Access = caller, Title = "Nightjar playback stutters", Symptoms = "quarantined station" }, None);
            Assert.DoesNotContain(suggestions, s => s.Key == restricted.Key);

            var similarToStandard = await Index.SimilarAsync(new SimilarQuery { Access = caller, Key = standard.Key }, None);
            Assert.DoesNotContain(similarToStandard, s => s.Key == restricted.Key);

            Assert.Empty(await Index.SimilarAsync(new SimilarQuery { Access = caller, Key = restricted.Key }, None));
        }
    }

    [Fact]
    public async Task A_caller_cleared_for_the_production_sees_the_restricted_fault_everywhere()
    {
        var production = Guid.NewGuid();
        var restricted = SearchDocumentBuilder.Fault("Leaked dailies of Project Nightjar")
            .WithSymptoms("Nightjar rushes playback stutters on the quarantined station.")
            .WithFix("Wiped the quarantined station.")
            .WithCategory("Quarantine")
            .Restricted(production);
        var twin = SearchDocumentBuilder.Fault("Nightjar rushes stutter again")
            .WithSymptoms("Nightjar rushes playback stutters on the quarantined station once more.")
            .WithCategory("Quarantine")
            .Restricted(production);
        await IndexAsync(restricted, twin);
        var cleared = Callers.ClearedFor(production);

        var results = await SearchAsync("nightjar quarantined", cleared);

        Assert.Equal(2, results.Total);
        Assert.Equal(2, FacetCount(results, "category", "Quarantine"));
        Assert.Equal(2, await Index.CountAsync(cleared, null, None));
        var suggestions = await Index.SuggestAsync(new SuggestionQuery { Access = cleared, Title = "Nightjar playback stutters" }, None);
        Assert.Equal([restricted.Key], suggestions.Select(s => s.Key).ToList());
        var similar = await Index.SimilarAsync(new SimilarQuery { Access = cleared, Key = twin.Key }, None);
        Assert.Equal([restricted.Key], similar.Select(s => s.Key).ToList());
    }

    [Fact]
    public async Task A_word_only_restricted_faults_hold_reads_as_unknown_to_the_uncleared_so_its_typo_match_is_found()
    {
        var production = Guid.NewGuid();
        var restricted = Enumerable.Range(1, 4)
            .Select(i => SearchDocumentBuilder.Fault($"Flimbertron rig {i} offline").WithSymptoms("The flimbertron rig drops out.").Restricted(production))
            .ToArray();
        var visible = SearchDocumentBuilder.Fault("Flimbertrone panel dark").WithSymptoms("The flimbertrone control panel shows nothing.");
        await IndexAsync([.. restricted, visible]);

        // As if the restricted faults were not there: the word is a typo of the one the operator may see.
        var uncleared = await SearchAsync("flimbertron", Callers.Operator());
        var cleared = await SearchAsync("flimbertron", Callers.ClearedFor(production));

        Assert.Equal([visible.Key], Keys(uncleared));
        Assert.Equal(restricted.Select(r => r.Key).Order(), Keys(cleared).Where(k => k != visible.Key).Order());
    }

    [Fact]
    public async Task A_confidential_fault_is_seen_by_managers_and_the_cleared_but_not_by_operators()
    {
        var production = Guid.NewGuid();
        var confidential = SearchDocumentBuilder.Fault("Trailer conform fails").WithSymptoms("The trailer conform fails on reel 3.").Confidential(production);
        await IndexAsync(confidential);

        Assert.Empty((await SearchAsync("conform", Callers.Operator())).Hits);
        Assert.Equal(0, await Index.CountAsync(Callers.Operator(), null, None));
        Assert.Equal([confidential.Key], Keys(await SearchAsync("conform", Callers.Manager())));
        Assert.Equal([confidential.Key], Keys(await SearchAsync("conform", Callers.ClearedFor(production))));
        Assert.Empty((await SearchAsync("conform", Callers.ClearedFor(Guid.NewGuid()))).Hits);
    }

    [Fact]
    public async Task A_restricted_fault_is_not_seen_by_a_manager_by_rank_alone()
    {
        var restricted = SearchDocumentBuilder.Fault("Vault drive missing").WithSymptoms("The vault drive is missing from the cage.").Restricted(Guid.NewGuid());
        await IndexAsync(restricted);

        Assert.Empty((await SearchAsync("vault", Callers.Manager())).Hits);
        Assert.Equal(0, await Index.CountAsync(Callers.Manager(), null, None));
    }

    [Fact]
    public async Task A_security_incident_is_seen_by_its_reporter_managers_and_the_cleared_only()
    {
        var production = Guid.NewGuid();
        var reporter = Guid.NewGuid();
        var incident = SearchDocumentBuilder.Fault("Drive left in a taxi").WithSymptoms("A shuttle drive with rushes was left in a taxi.").SecurityIncident(production, reporter);
        await IndexAsync(incident);

        Assert.Equal([incident.Key], Keys(await SearchAsync("taxi", Callers.User(reporter))));
        Assert.Equal([incident.Key], Keys(await SearchAsync("taxi", Callers.Manager())));
        Assert.Equal([incident.Key], Keys(await SearchAsync("taxi", Callers.ClearedFor(production))));
        Assert.Empty((await SearchAsync("taxi", Callers.Operator())).Hits);
        Assert.Equal(1, await Index.CountAsync(Callers.User(reporter), null, None));
        Assert.Equal(0, await Index.CountAsync(Callers.Operator(), null, None));
    }

    // Bad input

    [Fact]
    public async Task Query_syntax_and_odd_characters_are_searched_as_plain_text()
    {
        var fault = SearchDocumentBuilder.Fault("Render fails").WithSymptoms("Render fails with \"disk full\" on volume: MEDIA (shared).");
        await IndexAsync(fault);

        string[] inputs =
        [
            "\"", "*", ":", "(", ")", "\\", "\"disk full", "title:render", "render AND (fails OR", "*:*", "render~2", "[a TO z]",
            "{!lucene}render", "render^100", "+render -fails", "/regex/", "&&||!", "?", "\u0000", "<script>alert(1)</script>", "   ", "'; DROP TABLE faults; --",
        ];
        foreach (var input in inputs)
        {
            var results = await SearchAsync(input);
            Assert.True(results.Total >= 0);
        }

        Assert.Equal([fault.Key], Keys(await SearchAsync("title:render")));
        Assert.Equal([fault.Key], Keys(await SearchAsync("\"disk full")));
    }

    [Fact]
    public async Task A_thousand_character_query_answers()
    {
        var fault = SearchDocumentBuilder.Fault("Render fails").WithSymptoms("Render fails at 99 percent.");
        await IndexAsync(fault);
        var words = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"w{i}x"));
        var query = ("render " + words)[..1_000];

        var results = await SearchAsync(query);
        var suggestions = await Index.SuggestAsync(new SuggestionQuery { Access = Callers.Operator(), Title = query, Symptoms = query }, None);

        Assert.Contains(fault.Key, Keys(results));
        Assert.NotNull(suggestions);
    }

    // Versions: an older update never overwrites a newer one

    [Fact]
    public async Task An_older_version_does_not_overwrite_a_newer_one()
    {
        var id = Guid.NewGuid();
        await IndexAsync(SearchDocumentBuilder.Fault("Monitor flickers after calibration").WithId(id).WithVersion(5));
        await IndexAsync(SearchDocumentBuilder.Fault("Monitor was fine").WithId(id).WithVersion(3));

        var hit = Assert.Single((await SearchAsync(null)).Hits);
        Assert.Equal("Monitor flickers after calibration", hit.Title);

        await IndexAsync(SearchDocumentBuilder.Fault("Monitor flickers, replaced the cable").WithId(id).WithVersion(5));
        await IndexAsync(SearchDocumentBuilder.Fault("Monitor fixed for good").WithId(id).WithVersion(6));
        Assert.Equal("Monitor fixed for good", Assert.Single((await SearchAsync(null)).Hits).Title);
    }

    [Fact]
    public async Task The_newest_of_two_updates_in_one_batch_wins()
    {
        var id = Guid.NewGuid();
        await Index.IndexAsync(
            [SearchDocumentBuilder.Fault("Newer").WithId(id).WithVersion(8).Build(), SearchDocumentBuilder.Fault("Older").WithId(id).WithVersion(7).Build()],
            None);
        await SettleAsync();

        Assert.Equal("Newer", Assert.Single((await SearchAsync(null)).Hits).Title);
    }

    [Fact]
    public async Task A_delete_with_an_older_version_keeps_the_document()
    {
        var fault = SearchDocumentBuilder.Fault("Deck jammed").WithVersion(4);
        await IndexAsync(fault);

        await Index.DeleteAsync(fault.Key, 3, None);
        await SettleAsync();
        Assert.Equal([fault.Key], Keys(await SearchAsync(null)));

        await Index.DeleteAsync(fault.Key, 4, None);
        await SettleAsync();
        Assert.Empty((await SearchAsync(null)).Hits);
        Assert.Equal(0, await Index.CountAsync(Callers.Operator(), null, None));
    }

    [Fact]
    public async Task A_deleted_document_is_not_brought_back_by_a_late_older_update()
    {
        var fault = SearchDocumentBuilder.Fault("Deck jammed").WithVersion(4);
        await IndexAsync(fault);
        await Index.DeleteAsync(fault.Key, 6, None);
        await SettleAsync();

        await IndexAsync(SearchDocumentBuilder.Fault("Deck jammed again").WithId(fault.Build().Id).WithVersion(5));

        Assert.Empty((await SearchAsync(null)).Hits);
    }

    [Fact]
    public async Task Versions_lists_every_document_with_its_version()
    {
        var first = SearchDocumentBuilder.Fault("First").WithVersion(3);
        var second = SearchDocumentBuilder.Article("Second").WithVersion(9);
        var deleted = SearchDocumentBuilder.Fault("Deleted").WithVersion(1);
        await IndexAsync(first, second, deleted);
        await Index.DeleteAsync(deleted.Key, 2, None);
        await SettleAsync();

        var versions = new List<(string Key, long Version)>();
        await foreach (var pair in Index.VersionsAsync(None))
        {
            versions.Add(pair);
        }

        Assert.Equal([(first.Key, 3L), (second.Key, 9L)], versions.OrderBy(v => v.Version).ToList());
    }

    // Suggestions while logging a fault

    [Fact]
    public async Task Suggestions_only_offer_documents_with_a_fix()
    {
        var resolved = SearchDocumentBuilder.Fault("Resolve playback stutters from NEXIS").WithSymptoms("Playback stutters from the NEXIS workspace.")
            .WithFix("Bound the NEXIS client to the media NIC.")
            .WithWorkaround("Play from the local cache.", "AcceptableWithConditions", "Only on offline review copies.");
        var open = SearchDocumentBuilder.Fault("Resolve playback stutters from NEXIS again").WithSymptoms("Playback stutters from the NEXIS workspace.");
        var article = SearchDocumentBuilder.Article("Playback stutters from shared storage").WithSymptoms("Check the NEXIS client binding.").WithFix("Bind the client to the media NIC.");
        await IndexAsync(resolved, open, article);

        var suggestions = await Index.SuggestAsync(
            new SuggestionQuery { Access = Callers.Operator(), Title = "Playback stutters", Symptoms = "from the NEXIS workspace" }, None);

        Assert.Equal(new[] { resolved.Key, article.Key }.Order(), suggestions.Select(s => s.Key).Order());
        var first = suggestions.Single(s => s.Key == resolved.Key);
        Assert.Equal("Bound the NEXIS client to the media NIC.", first.Fix);
        Assert.Equal("Play from the local cache.", first.Workaround);
        Assert.Equal("AcceptableWithConditions", first.WorkaroundAcceptability);
        Assert.Equal("Only on offline review copies.", first.WorkaroundConditions);
        Assert.Null(suggestions.Single(s => s.Key == article.Key).WorkaroundConditions);
    }

    [Fact]
    public async Task A_fix_from_the_same_kit_and_version_is_suggested_before_a_text_equal_one_on_other_kit()
    {
        var resolve191 = new ComponentKey("DaVinci Resolve Studio", "19.1.2");
        var decklink = new ComponentKey("Blackmagic DeckLink 8K Pro", "12.9");
        var sameKit = SearchDocumentBuilder.Fault("Resolve playback stutters on output").WithSymptoms("Output to the client monitor stutters.")
            .WithFix("Updated Desktop Video.").WithComponents(resolve191, decklink);
        var otherKit = SearchDocumentBuilder.Fault("Resolve playback stutters on output").WithSymptoms("Output to the client monitor stutters.")
            .WithFix("Updated Desktop Video.").WithComponents(new ComponentKey("DaVinci Resolve Studio", "18.6.4"), new ComponentKey("AJA Kona 5", "17.0"));
        var unrelated = SearchDocumentBuilder.Fault("Pro Tools will not open the session").WithSymptoms("Session damaged.")
            .WithFix("Restored the session from backup.").WithComponents(resolve191, decklink);
        await IndexAsync(otherKit, sameKit, unrelated);

        var suggestions = await Index.SuggestAsync(new SuggestionQuery
        {
            Access = Callers.Operator(),
            Title = "Playback stutters on output",
            Symptoms = "The client monitor output stutters",
            Components = [new ComponentKey("DaVinci  Resolve Studio", "19.1.2"), new ComponentKey("blackmagic deckLink 8K Pro", "12.9")],
        }, None);

        Assert.Equal([sameKit.Key, otherKit.Key], suggestions.Take(2).Select(s => s.Key).ToList());
        Assert.All(suggestions, s => Assert.InRange(s.ConfigurationMatch, 0, 1));
        Assert.True(suggestions[0].ConfigurationMatch > suggestions[1].ConfigurationMatch);
        Assert.Equal(1, suggestions[0].ConfigurationMatch, 3);
    }

    [Fact]
    public async Task Suggestions_for_nothing_typed_are_empty()
    {
        await IndexAsync(SearchDocumentBuilder.Fault("Anything").WithFix("Something."));

        Assert.Empty(await Index.SuggestAsync(new SuggestionQuery { Access = Callers.Operator() }, None));
    }

    [Fact]
    public async Task Suggestions_tolerate_typos_while_typing()
    {
        var resolved = SearchDocumentBuilder.Fault("Playback stutter from NEXIS").WithSymptoms("Playback stutters from the workspace.").WithFix("Rebound the NEXIS client.");
        await IndexAsync(resolved);

        var suggestions = await Index.SuggestAsync(new SuggestionQuery { Access = Callers.Operator(), Title = "playbak stuter" }, None);

        Assert.Equal([resolved.Key], suggestions.Select(s => s.Key).ToList());
    }

    [Fact]
    public async Task Suggestions_match_a_word_still_being_typed()
    {
        var genlock = SearchDocumentBuilder.Fault("Genlock lost on the grade").WithSymptoms("The picture rolls every few minutes.").WithFix("Relocked the SPG to house reference.");
        var deck = SearchDocumentBuilder.Fault("Deck will not eject").WithSymptoms("The tape is stuck.").WithFix("Cleaned the deck.");
        await IndexAsync(genlock, deck);

        var suggestions = await Index.SuggestAsync(new SuggestionQuery { Access = Callers.Operator(), Title = "Genlo" }, None);

        Assert.Equal([genlock.Key], suggestions.Select(s => s.Key).ToList());
    }

    // Similar faults

    [Fact]
    public async Task Similar_finds_the_near_duplicate_and_not_the_fault_itself()
    {
        var original = SearchDocumentBuilder.Fault("Media Composer shows media offline after NEXIS remount")
            .WithSymptoms("After the NEXIS workspace remounted every clip in the timeline shows media offline.");
        var duplicate = SearchDocumentBuilder.Fault("Media offline in Media Composer after workspace remount")
            .WithSymptoms("The NEXIS workspace dropped and remounted; clips in the timeline show media offline.");
        var unrelated = SearchDocumentBuilder.Fault("Pro Tools HDX card not found").WithSymptoms("The HDX card is missing after a reboot.");
        await IndexAsync(original, duplicate, unrelated);

        var similar = await Index.SimilarAsync(new SimilarQuery { Access = Callers.Operator(), Key = original.Key }, None);

        Assert.Equal(duplicate.Key, similar[0].Key);
        Assert.DoesNotContain(similar, s => s.Key == original.Key);
        Assert.DoesNotContain(similar, s => s.Key == unrelated.Key);
    }

    [Fact]
    public async Task Similar_to_an_unknown_fault_is_empty()
    {
        await IndexAsync(SearchDocumentBuilder.Fault("Anything"));

        Assert.Empty(await Index.SimilarAsync(new SimilarQuery { Access = Callers.Operator(), Key = "fault-" + Guid.NewGuid() }, None));
    }

    // Rebuilding the index from the database

    [Fact]
    public async Task A_rebuild_is_invisible_until_committed_and_then_replaces_the_live_index()
    {
        var stale = SearchDocumentBuilder.Fault("Stale fault only in the old index").WithSymptoms("Stutters.");
        await IndexAsync(stale);
        var rebuilt = SearchDocumentBuilder.Fault("Fault from the database").WithSymptoms("Stutters.");

        await using (var rebuild = await Index.BeginRebuildAsync(None))
        {
            await rebuild.AddAsync([rebuilt.Build()], None);
            await SettleAsync();
            Assert.Equal([stale.Key], Keys(await SearchAsync("stutters")));

            await rebuild.CommitAsync(None);
        }

        await SettleAsync();
        Assert.Equal([rebuilt.Key], Keys(await SearchAsync("stutters")));
        Assert.Equal(1, await Index.CountAsync(Callers.Operator(), null, None));
    }

    [Fact]
    public async Task A_rebuild_abandoned_without_commit_leaves_the_live_index_unchanged()
    {
        var live = SearchDocumentBuilder.Fault("Live fault").WithSymptoms("Stutters.");
        await IndexAsync(live);

        await using (var rebuild = await Index.BeginRebuildAsync(None))
        {
            await rebuild.AddAsync([SearchDocumentBuilder.Fault("Never live").WithSymptoms("Stutters.").Build()], None);
        }

        await SettleAsync();
        Assert.Equal([live.Key], Keys(await SearchAsync("stutters")));
        var next = SearchDocumentBuilder.Fault("Written after").WithSymptoms("Stutters.");
        await IndexAsync(next);
        Assert.Equal(2, (await SearchAsync("stutters")).Total);
    }

    // Health

    [Fact]
    public async Task A_working_index_reports_healthy()
    {
        var health = await Index.HealthAsync(None);

        Assert.True(health.Healthy, health.Description);
    }
}
