using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Domain;
using TechSupport.Search;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// The Lucene folder going wrong under a running app, and an app starting on a damaged one: faults are
// logged throughout, health and search say the index is behind while it is, and it catches up by
// itself once the folder is back, with what was logged meanwhile. Each test breaks its own folder.
public sealed class IndexOutageTests
{
    // Long enough that moving the fake clock on for back-off and recovery rounds never signs anyone out.
    private const string TokenMinutes = "600";

    private static TechSupportApp NewApp() => new TechSupportApp().With("Identity:AccessTokenMinutes", TokenMinutes);

    private static string IndexFolder(string dataPath) => Path.Combine(dataPath, "index");

    private static string LiveGeneration(string dataPath) =>
        Path.Combine(IndexFolder(dataPath), File.ReadAllText(Path.Combine(IndexFolder(dataPath), "live-generation")).Trim());

    private static string Tag() => "quorb" + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(6).ToArray());

    [Fact]
    public async Task With_the_index_folder_replaced_by_a_file_faults_are_logged_search_says_degraded_and_all_is_found_once_it_is_back()
    {
        await OutageAsync(
            dataPath =>
            {
                Directory.Move(IndexFolder(dataPath), IndexFolder(dataPath) + ".away");
                File.WriteAllText(IndexFolder(dataPath), "not a folder");
            },
            dataPath =>
            {
                File.Delete(IndexFolder(dataPath));
                Directory.Move(IndexFolder(dataPath) + ".away", IndexFolder(dataPath));
            });
    }

    // A folder that cannot be written, as root meets it too: the live generation's folder swapped for a file.
    [Fact]
    public async Task With_the_live_index_folder_unwritable_faults_are_logged_search_says_degraded_and_all_is_found_once_it_is_writable()
    {
        string? generation = null;
        await OutageAsync(
            dataPath =>
            {
                generation = LiveGeneration(dataPath);
                Directory.Move(generation, generation + ".away");
                File.WriteAllText(generation, "not a folder");
            },
            _ =>
            {
                File.Delete(generation!); // set by the outage before the mend
                Directory.Move(generation! + ".away", generation!);
            });
    }

    [FactUnlessRoot("Runs as root (or on Windows), where chmod does not stop the process writing; " +
        "the tests that put a file where the folder belongs cover an unwritable folder there.")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task With_write_permission_taken_from_the_index_folder_faults_are_logged_search_says_degraded_and_all_is_found_once_it_is_given_back()
    {
        const UnixFileMode readOnly = UnixFileMode.UserRead | UnixFileMode.UserExecute;
        const UnixFileMode writable = readOnly | UnixFileMode.UserWrite;
        string? generation = null;
        await OutageAsync(
            dataPath =>
            {
                generation = LiveGeneration(dataPath);
                File.SetUnixFileMode(generation, readOnly);
                File.SetUnixFileMode(IndexFolder(dataPath), readOnly);
            },
            dataPath =>
            {
                File.SetUnixFileMode(IndexFolder(dataPath), writable);
                File.SetUnixFileMode(generation!, writable); // set by the outage before the mend
            });
    }

    [Fact]
    public async Task An_index_folder_deleted_under_the_running_app_is_rebuilt_and_finds_everything()
    {
        await OutageAsync(dataPath => Directory.Delete(IndexFolder(dataPath), recursive: true), _ => { });
    }

    [Fact]
    public async Task A_segment_file_deleted_under_the_running_app_is_noticed_and_the_index_rebuilt_with_the_damaged_folder_kept_aside()
    {
        string? damaged = null;
        await OutageAsync(
            dataPath =>
            {
                damaged = LiveGeneration(dataPath);
                File.Delete(Directory.GetFiles(damaged, "*.si")[0]);
            },
            _ => { },
            dataPath =>
            {
                var aside = Assert.Single(Directory.GetDirectories(IndexFolder(dataPath), "damaged-*"));
                Assert.EndsWith(Path.GetFileName(damaged!), aside, StringComparison.Ordinal); // set by the outage
            });
    }

    [Theory]
    [InlineData("truncated compound file")]
    [InlineData("deleted segment info")]
    public async Task An_app_started_on_a_damaged_index_starts_rebuilds_it_and_finds_everything(string damage)
    {
        await using var app = NewApp();
        // An engineer signs in with the password alone, on this app and on the one restarted after it.
        var (email, _) = await app.AccountAsync(Role.Engineer);
        var engineer = await app.SignInAsync(email);
        var suiteId = await new SuiteBuilder().SendAsync(await app.AdminAsync());
        var tag = Tag();
        string[] titles = [$"Grade monitor flickers {tag}", $"Dante clock slips {tag}"];
        foreach (var title in titles)
        {
            await new FaultBuilder(suiteId).Titled(title).SendAsync(engineer);
        }

        await EventuallyAsync(app, async () => (await SearchAsync(engineer, tag)).Titles.Length == 2, "indexing before the stop");
        var dataPath = app.DataPath;
        var generation = LiveGeneration(dataPath);
        await app.StopKeepingDataAsync();
        if (damage == "truncated compound file")
        {
            var file = Directory.GetFiles(generation, "*.cfs").OrderByDescending(f => new FileInfo(f).Length).First();
            await using var stream = new FileStream(file, FileMode.Open);
            stream.SetLength(stream.Length / 2);
        }
        else
        {
            File.Delete(Directory.GetFiles(generation, "*.si")[0]);
        }

        await using var restarted = TechSupportApp.StartingOn(dataPath).With("Identity:AccessTokenMinutes", TokenMinutes);
        var client = await restarted.SignInAsync(email);

        await EventuallyAsync(restarted, async () => (await SearchAsync(client, tag)) is { Degraded: false, Titles.Length: 2 },
            "the rebuilt index answering", passing: TimeSpan.FromSeconds(30));
        Assert.Equal(titles.Order(), (await SearchAsync(client, tag)).Titles);
        Assert.Equal("Healthy", (await SearchHealthAsync(restarted)).Status);
        Assert.Single(Directory.GetDirectories(IndexFolder(dataPath), "damaged-*"));
    }

    [Fact]
    public async Task Reindex_and_verify_index_refuse_while_the_app_holds_the_index_and_leave_its_index_working()
    {
        await using var app = NewApp();
        var (manager, suiteId) = await FacilityAsync(app);
        var tag = Tag();
        var before = $"Sync generator drops lock {tag}";
        await new FaultBuilder(suiteId).Titled(before).SendAsync(manager);
        await EventuallyAsync(app, async () => (await SearchAsync(manager, tag)).Titles.Length == 1, "indexing the first fault");
        var generations = Directory.GetDirectories(IndexFolder(app.DataPath)).Order().ToArray();

        foreach (var command in new[] { new[] { "reindex" }, ["verify-index", "--fix"] })
        {
            var (exit, output, error) = await AppProcess.RunAsync(app.DataPath, "", command);

            Assert.True(exit != 0, $"{command[0]} exited 0: {output}");
            var sentence = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            Assert.StartsWith($"The search index is in use by a running TechSupport (process {Environment.ProcessId} on ", sentence,
                StringComparison.Ordinal);
            Assert.EndsWith("; stop it first.", sentence, StringComparison.Ordinal);
            Assert.DoesNotContain("Exception", sentence, StringComparison.Ordinal);
        }

        var after = $"Sync generator drops lock again {tag}";
        await new FaultBuilder(suiteId).Titled(after).SendAsync(manager);
        await EventuallyAsync(app, async () => (await SearchAsync(manager, tag)) is { Degraded: false, Titles.Length: 2 },
            "the fault logged after the commands being found");
        Assert.Equal(new[] { before, after }.Order(), (await SearchAsync(manager, tag)).Titles);
        Assert.Equal(generations, Directory.GetDirectories(IndexFolder(app.DataPath)).Order());
        Assert.Equal("Healthy", (await SearchHealthAsync(app)).Status);
    }

    [Fact]
    public async Task Against_a_damaged_index_verify_index_says_so_in_a_sentence_and_reindex_rebuilds_it()
    {
        await using var app = NewApp();
        // An engineer signs in with the password alone, on this app and on the one restarted after it.
        var (email, _) = await app.AccountAsync(Role.Engineer);
        var engineer = await app.SignInAsync(email);
        var suiteId = await new SuiteBuilder().SendAsync(await app.AdminAsync());
        var tag = Tag();
        await new FaultBuilder(suiteId).Titled($"LTO drive rejects the tape {tag}").SendAsync(engineer);
        await EventuallyAsync(app, async () => (await SearchAsync(engineer, tag)).Titles.Length == 1, "indexing before the stop");
        var dataPath = app.DataPath;
        var info = Directory.GetFiles(LiveGeneration(dataPath), "*.si")[0];
        await app.StopKeepingDataAsync();
        File.Delete(info);

        var (verified, _, verifyError) = await AppProcess.RunAsync(dataPath, "", "verify-index");
        var (rebuilt, rebuildOutput, rebuildError) = await AppProcess.RunAsync(dataPath, "", "reindex");

        Assert.Equal(1, verified);
        var sentence = Assert.Single(verifyError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Equal($"The search index is damaged (a file of the index is missing: {Path.GetFileName(info)}); reindex rebuilds it from the database.",
            sentence);
        Assert.True(rebuilt == 0, rebuildError);
        Assert.Contains("the new index is live", rebuildOutput, StringComparison.Ordinal);
        Assert.Single(Directory.GetDirectories(IndexFolder(dataPath), "damaged-*"));

        await using var restarted = TechSupportApp.StartingOn(dataPath).With("Identity:AccessTokenMinutes", TokenMinutes);
        var client = await restarted.SignInAsync(email);
        Assert.Equal([$"LTO drive rejects the tape {tag}"], (await SearchAsync(client, tag)).Titles);
        Assert.Equal("Healthy", (await SearchHealthAsync(restarted)).Status);
    }

    [Fact]
    public async Task A_change_the_index_keeps_refusing_is_set_aside_and_reported_while_the_others_are_indexed()
    {
        await using var app = NewApp().Replacing(services => services.AddSingleton<ISearchIndex>(provider =>
            new RefusingSearchIndex(provider.GetRequiredService<SwitchableSearchIndex>(), "Unindexable")));
        var (manager, suiteId) = await FacilityAsync(app);
        var tag = Tag();
        await new FaultBuilder(suiteId).Titled($"Unindexable ingest fault {tag}").SendAsync(manager);
        string[] others = [$"Ingest station drops frames {tag}", $"Ingest station loses timecode {tag}"];
        foreach (var title in others)
        {
            await new FaultBuilder(suiteId).Titled(title).SendAsync(manager);
        }

        await EventuallyAsync(app, async () => (await SearchHealthAsync(app)).Description.Contains("set aside", StringComparison.Ordinal),
            "the refused change being set aside", passing: TimeSpan.FromSeconds(30));
        var (status, description) = await SearchHealthAsync(app);
        var found = await SearchAsync(manager, tag);

        Assert.Equal("Degraded", status);
        Assert.Contains("1 change was refused by the search index 5 times and set aside", description, StringComparison.Ordinal);
        Assert.False(found.Degraded);
        Assert.Equal(others.Order(), found.Titles);
    }

    // Logs a fault, breaks the folder, logs another, mends it, logs a third: the second is logged and
    // found by the database fallback while the index is behind, and all three by the index afterwards.
    private static async Task OutageAsync(Action<string> breakIt, Action<string> mendIt, Action<string>? afterwards = null)
    {
        await using var app = NewApp();
        var (manager, suiteId) = await FacilityAsync(app);
        var tag = Tag();
        var before = $"Genlock drifts before the outage {tag}";
        await new FaultBuilder(suiteId).Titled(before).SendAsync(manager);
        await EventuallyAsync(app, async () => (await SearchAsync(manager, tag)) is { Degraded: false, Titles.Length: 1 }, "indexing the first fault");

        breakIt(app.DataPath);
        var during = $"Genlock drifts during the outage {tag}";
        var logged = await manager.PostAsJsonAsync("/api/v1/faults", new FaultBuilder(suiteId).Titled(during).Body);
        Assert.Equal(HttpStatusCode.Created, logged.StatusCode);
        await EventuallyAsync(app, async () => (await SearchHealthAsync(app)).Status == "Degraded", "health saying Degraded");
        var degraded = await SearchAsync(manager, tag);
        Assert.True(degraded.Degraded);
        Assert.Equal(new[] { before, during }.Order(), degraded.Titles);

        mendIt(app.DataPath);
        var after = $"Genlock drifts after the outage {tag}";
        await new FaultBuilder(suiteId).Titled(after).SendAsync(manager);
        await EventuallyAsync(app, async () => (await SearchAsync(manager, tag)) is { Degraded: false, Titles.Length: 3 },
            "search catching up", passing: TimeSpan.FromSeconds(30));
        Assert.Equal(new[] { before, during, after }.Order(), (await SearchAsync(manager, tag)).Titles);
        await EventuallyAsync(app, async () => (await SearchHealthAsync(app)).Status == "Healthy", "health saying Healthy",
            passing: TimeSpan.FromSeconds(30));
        afterwards?.Invoke(app.DataPath);
    }

    private static async Task<(HttpClient Manager, Guid SuiteId)> FacilityAsync(TechSupportApp app)
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        return (manager, await new SuiteBuilder().SendAsync(manager));
    }

    private static async Task<(bool Degraded, string[] Titles)> SearchAsync(HttpClient client, string q)
    {
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/v1/search?kind=fault&q={q}");
        return (found.GetProperty("degraded").GetBoolean(),
            found.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("title").GetString()!).Order().ToArray());
    }

    private static async Task<(string Status, string Description)> SearchHealthAsync(TechSupportApp app)
    {
        var ready = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var search = (await ready.JsonAsync()).GetProperty("checks").GetProperty("search");
        return (search.GetProperty("status").GetString()!, search.GetProperty("description").GetString() ?? "");
    }

    // Waits, within a minute, for what the app's background services do on their own threads; with
    // `passing`, the fake clock moves on by it every second, so their back-off and rounds come due.
    private static async Task EventuallyAsync(TechSupportApp app, Func<Task<bool>> done, string what, TimeSpan? passing = null)
    {
        var waited = Stopwatch.StartNew();
        for (var round = 0; !await done(); round++)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(1), $"Waited a minute for {what}.");
            if (passing is { } step && round % 10 == 0)
            {
                app.Clock.Advance(step);
            }

            await Task.Delay(100);
        }
    }

    // The engine refusing every batch that holds a document whose title has the word, as Elasticsearch
    // refuses a document its mapping rejects, while it takes the rest.
    private sealed class RefusingSearchIndex(ISearchIndex inner, string word) : ISearchIndex
    {
        public Task IndexAsync(IReadOnlyCollection<SearchDocument> documents, CancellationToken ct) =>
            documents.Any(d => d.Title.Contains(word, StringComparison.Ordinal))
                ? throw new SearchUnavailableException("The search engine refused the request.") { Refused = true }
                : inner.IndexAsync(documents, ct);

        public Task DeleteAsync(string key, long version, CancellationToken ct) => inner.DeleteAsync(key, version, ct);
        public Task<SearchResults> SearchAsync(SearchQuery query, CancellationToken ct) => inner.SearchAsync(query, ct);
        public Task<IReadOnlyList<SearchHit>> SuggestAsync(SuggestionQuery query, CancellationToken ct) => inner.SuggestAsync(query, ct);
        public Task<IReadOnlyList<SearchHit>> SimilarAsync(SimilarQuery query, CancellationToken ct) => inner.SimilarAsync(query, ct);
        public Task<long> CountAsync(SearchAccess access, DocumentKind? kind, CancellationToken ct) => inner.CountAsync(access, kind, ct);
        public IAsyncEnumerable<(string Key, long Version)> VersionsAsync(CancellationToken ct) => inner.VersionsAsync(ct);
        public Task<IIndexRebuild> BeginRebuildAsync(CancellationToken ct) => inner.BeginRebuildAsync(ct);
        public Task<SearchHealth> HealthAsync(CancellationToken ct) => inner.HealthAsync(ct);
    }
}
