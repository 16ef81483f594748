using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Features.Import;
using TechSupport.Application.Seeding;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

public sealed class ImportTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    private const string Route = "/api/v1/faults/import";

    private static async Task<JsonElement> ImportAsync(HttpClient client, string body, string contentType)
    {
        var response = await PostAsync(client, body, contentType);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string contentType) =>
        client.PostAsync(Route, new StringContent(body, Encoding.UTF8, contentType));

    private static string Json(params object[] records) => JsonSerializer.Serialize(records, TechSupportApp.Json);

    private static void AssertCounts(JsonElement result, int imported, int updated, int failed)
    {
        Assert.Equal(imported, result.GetProperty("imported").GetInt32());
        Assert.Equal(updated, result.GetProperty("updated").GetInt32());
        Assert.Equal(failed, result.GetProperty("failed").GetInt32());
    }

    private static (int Line, string Field, string Message)[] Errors(JsonElement result) =>
        result.GetProperty("errors").EnumerateArray()
            .Select(e => (e.GetProperty("line").GetInt32(), e.GetProperty("field").GetString()!, e.GetProperty("message").GetString()!))
            .ToArray();

    private async Task<(HttpClient Manager, string Suite, Guid SuiteId)> ArrangeAsync()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suite = $"Grade {Guid.NewGuid().ToString("N")[..8]}";
        return (manager, suite, await new SuiteBuilder().Named(suite).SendAsync(manager));
    }

    private static async Task<JsonElement[]> FaultsInAsync(HttpClient client, Guid suiteId, string filter = "") =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/faults?suiteId={suiteId}&pageSize=100{filter}"))
            .GetProperty("items").EnumerateArray().ToArray();

    private static async Task<Guid> ProductionAsync(HttpClient manager, string name, Classification classification)
    {
        var response = await manager.PostAsJsonAsync("/api/v1/productions", new { name, classification = classification.ToString() });
        response.EnsureSuccessStatusCode();
        return (await response.JsonAsync()).GetProperty("id").GetGuid();
    }

    private static string Ref() => $"OLD-{Guid.NewGuid().ToString("N")[..10]}";

    [Fact]
    public async Task A_json_array_imports_each_record_as_a_fault_that_reads_back_by_its_id()
    {
        var (manager, suite, suiteId) = await ArrangeAsync();
        var body = Json(
            new
            {
                externalRef = Ref(), title = "Resolve stutters on playback from the SAN",
                symptoms = "Dropped frames on 4K DPX playback after the 19.1 update.", equipment = "Blackmagic Design DeckLink 8K Pro, Desktop Video 14.2",
                category = "storage", workflowStage = "grade", severity = "p2", suite,
                rootCause = "NFS read-ahead reset by the update.", resolution = "Set the read-ahead back to 4 MB on the client.",
                workaround = new { description = "Render a cache to local NVMe.", acceptability = "acceptable" },
                reportedAt = "2025-03-14T09:30:00Z", resolvedAt = "2025-03-14T13:05:00Z",
            },
            new { externalRef = Ref(), title = "Tangent panel not detected", symptoms = "Panel dark after reboot.", category = "Hardware", suite });

        var result = await ImportAsync(manager, body, "application/json");

        AssertCounts(result, 2, 0, 0);
        Assert.Empty(Errors(result));
        var faults = await FaultsInAsync(manager, suiteId);
        Assert.Equal(2, faults.Length);
        var id = faults.Single(f => f.GetProperty("title").GetString() == "Resolve stutters on playback from the SAN").GetProperty("id").GetGuid();
        var fault = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{id}");
        Assert.Equal("Resolved", fault.GetProperty("status").GetString());
        Assert.Equal("P2", fault.GetProperty("severity").GetString());
        Assert.Equal("Grade", fault.GetProperty("workflowStage").GetString());
        Assert.Equal(suite, fault.GetProperty("suite").GetProperty("name").GetString());
        Assert.StartsWith("TS-", fault.GetProperty("number").GetString());
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero), fault.GetProperty("createdAt").GetDateTimeOffset());
        var resolved = await FaultsInAsync(manager, suiteId, "&status=Resolved");
        Assert.Equal(id, Assert.Single(resolved).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Status_defaults_to_resolved_with_a_resolution_and_to_new_without_and_severity_to_p3()
    {
        var (manager, suite, suiteId) = await ArrangeAsync();
        var body = Json(
            new { externalRef = Ref(), title = "Fixed one", symptoms = "No LTC.", category = "Signal", suite, resolution = "Re-terminated the BNC." },
            new { externalRef = Ref(), title = "Open one", symptoms = "No LTC.", category = "Signal", suite },
            new { externalRef = Ref(), title = "Stated one", symptoms = "No LTC.", category = "Signal", suite, status = "inprogress", severity = "P1" });

        AssertCounts(await ImportAsync(manager, body, "application/json"), 3, 0, 0);

        var faults = (await FaultsInAsync(manager, suiteId)).ToDictionary(f => f.GetProperty("title").GetString()!);
        Assert.Equal("Resolved", faults["Fixed one"].GetProperty("status").GetString());
        Assert.Equal("New", faults["Open one"].GetProperty("status").GetString());
        Assert.Equal("InProgress", faults["Stated one"].GetProperty("status").GetString());
        Assert.Equal("P3", faults["Fixed one"].GetProperty("severity").GetString());
        Assert.Equal("P3", faults["Open one"].GetProperty("severity").GetString());
        Assert.Equal("P1", faults["Stated one"].GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Ndjson_imports_and_a_malformed_line_fails_alone()
    {
        var (manager, suite, suiteId) = await ArrangeAsync();
        var body = string.Join('\n',
            JsonSerializer.Serialize(new { externalRef = Ref(), title = "Genlock lost", symptoms = "Ref flashing.", category = "Signal", suite }),
            "{\"externalRef\": \"OLD-broken\", \"title\": ",
            JsonSerializer.Serialize(new { externalRef = Ref(), title = "Licence server down", symptoms = "Resolve asks for a dongle.", category = "Licensing", suite }),
            "");

        var result = await ImportAsync(manager, body, "application/x-ndjson");

        AssertCounts(result, 2, 0, 1);
        var (line, field, _) = Assert.Single(Errors(result));
        Assert.Equal((2, "record"), (line, field));
        Assert.Equal(2, (await FaultsInAsync(manager, suiteId)).Length);
    }

    [Fact]
    public async Task Csv_imports_with_the_workaround_in_its_own_columns_counting_records_after_the_header()
    {
        var (manager, suite, suiteId) = await ArrangeAsync();
        var first = Ref();
        var csv = $"""
            externalRef,title,symptoms,category,severity,suite,workaroundDescription,workaroundAcceptability,resolution,legacyPriority
            {first},Audio drifts out of sync,"Drift of about a frame per reel.
            Worse on long takes.",Audio,P2,{suite},Conform from the EDL instead,AcceptableWithConditions,,urgent
            {Ref()},No title category,Something,Gremlins,P2,{suite},,,,low
            {Ref()},"SDI out drops to black, then returns",Every few minutes,Signal,,{suite},,,Replaced the BNC patch lead,high
            """;

        var result = await ImportAsync(manager, csv, "text/csv");

        AssertCounts(result, 2, 0, 1);
        var error = Assert.Single(Errors(result));
        Assert.Equal((2, "category"), (error.Line, error.Field));
        var faults = (await FaultsInAsync(manager, suiteId)).ToDictionary(f => f.GetProperty("title").GetString()!);
        Assert.Equal("New", faults["Audio drifts out of sync"].GetProperty("status").GetString());
        Assert.Contains("Worse on long takes.", faults["Audio drifts out of sync"].GetProperty("symptoms").GetString());
        Assert.Equal("Resolved", faults["SDI out drops to black, then returns"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Importing_the_same_external_ref_again_updates_the_fault_and_keeps_its_number()
    {
        var (manager, suite, suiteId) = await ArrangeAsync();
        var reference = Ref();
        AssertCounts(await ImportAsync(manager, Json(new
        {
            externalRef = reference, title = "Pro Tools AAE -9173", symptoms = "On session open.", category = "Audio", suite,
        }), "application/json"), 1, 0, 0);
        var before = Assert.Single(await FaultsInAsync(manager, suiteId));
        var total = (await manager.GetFromJsonAsync<JsonElement>("/api/v1/faults")).GetProperty("total").GetInt32();

        var again = await ImportAsync(manager, Json(new
        {
            externalRef = reference, title = "Pro Tools AAE -9173 on session open", symptoms = "On session open, every time.",
            category = "Software", severity = "P2", suite, resolution = "Rebuilt the playback engine cache.",
        }), "application/json");

        AssertCounts(again, 0, 1, 0);
        Assert.Equal(total, (await manager.GetFromJsonAsync<JsonElement>("/api/v1/faults")).GetProperty("total").GetInt32());
        var after = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{before.GetProperty("id").GetGuid()}");
        Assert.Equal(before.GetProperty("number").GetString(), after.GetProperty("number").GetString());
        Assert.Equal("Pro Tools AAE -9173 on session open", after.GetProperty("title").GetString());
        Assert.Equal("Software", after.GetProperty("category").GetString());
        Assert.Equal("P2", after.GetProperty("severity").GetString());
        Assert.Equal("Resolved", after.GetProperty("status").GetString());
        var timeline = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{before.GetProperty("id").GetGuid()}/timeline");
        Assert.Contains(timeline.GetProperty("items").EnumerateArray(),
            i => i.GetProperty("text").GetString()!.StartsWith("Updated from the facility's records", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_re_import_never_lowers_a_faults_classification()
    {
        var (manager, suite, suiteId) = await ArrangeAsync();
        var confidential = $"Confidential show {Guid.NewGuid().ToString("N")[..6]}";
        await ProductionAsync(manager, confidential, Classification.Confidential);
        var reference = Ref();
        AssertCounts(await ImportAsync(manager, Json(new
        {
            externalRef = reference, title = "Grade render stalls", symptoms = "Stalls at 97 %.", category = "Software", suite,
            production = confidential,
        }), "application/json"), 1, 0, 0);

        var lowered = await ImportAsync(manager, Json(new
        {
            externalRef = reference, title = "Grade render stalls", symptoms = "Stalls at 97 %.", category = "Software", suite,
        }), "application/json");

        AssertCounts(lowered, 0, 0, 1);
        Assert.Equal((1, "production"), Errors(lowered).Select(e => (e.Line, e.Field)).Single());
        var fault = Assert.Single(await FaultsInAsync(manager, suiteId));
        Assert.Equal("Confidential", fault.GetProperty("classification").GetString());
    }

    [Fact]
    public async Task The_same_external_ref_twice_in_one_file_is_one_fault_and_the_later_record_wins()
    {
        var (manager, suite, suiteId) = await ArrangeAsync();
        var reference = Ref();
        var body = Json(
            new { externalRef = reference, title = "First take", symptoms = "Dropped frames.", category = "Storage", suite },
            new { externalRef = reference, title = "Second take", symptoms = "Dropped frames.", category = "Storage", suite, severity = "P1" });

        AssertCounts(await ImportAsync(manager, body, "application/json"), 1, 1, 0);

        var fault = Assert.Single(await FaultsInAsync(manager, suiteId));
        Assert.Equal("Second take", fault.GetProperty("title").GetString());
        Assert.Equal("P1", fault.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task Bad_records_are_reported_by_line_and_field_while_good_ones_land()
    {
        var (manager, suite, suiteId) = await ArrangeAsync();
        var body = Json(
            new { externalRef = Ref(), title = "Good one", symptoms = "Fans loud.", category = "Hardware", suite },
            new { externalRef = Ref(), symptoms = "No title and a made-up category.", category = "Gremlins", suite },
            new { externalRef = Ref(), title = "Bad severity", symptoms = "x", category = "Os", severity = "P9", workflowStage = "Lunch", suite },
            new { externalRef = Ref(), title = "Bad date", symptoms = "x", category = "Os", reportedAt = "14/03/2025", suite },
            new { externalRef = Ref(), title = new string('t', 201), symptoms = "x", category = "Os", suite },
            new { title = "No reference", symptoms = "x", category = "Os", suite },
            new { externalRef = Ref(), title = "Also good", symptoms = "Fans still loud.", category = "Hardware", suite, status = "Closed" });

        var result = await ImportAsync(manager, body, "application/json");

        AssertCounts(result, 2, 0, 5);
        Assert.Equal(
            [(2, "category"), (2, "title"), (3, "severity"), (3, "workflowStage"), (4, "reportedAt"), (5, "title"), (6, "externalRef")],
            Errors(result).Select(e => (e.Line, e.Field)).Order());
        Assert.Equal(["Also good", "Good one"],
            (await FaultsInAsync(manager, suiteId)).Select(f => f.GetProperty("title").GetString()).Order());
    }

    [Fact]
    public async Task An_unknown_suite_and_a_production_the_importer_may_not_see_read_like_names_that_do_not_exist()
    {
        var (manager, suite, _) = await ArrangeAsync();
        var restricted = $"Blackwater {Guid.NewGuid().ToString("N")[..6]}";
        await ProductionAsync(manager, restricted, Classification.Restricted);
        var body = Json(
            new { externalRef = Ref(), title = "a", symptoms = "x", category = "Os", suite, production = restricted },
            new { externalRef = Ref(), title = "b", symptoms = "x", category = "Os", suite, production = "No Such Production" },
            new { externalRef = Ref(), title = "c", symptoms = "x", category = "Os", suite = "No Such Suite" });

        var errors = Errors(await ImportAsync(manager, body, "application/json"));

        Assert.Equal((1, "production"), (errors[0].Line, errors[0].Field));
        Assert.Equal((2, "production"), (errors[1].Line, errors[1].Field));
        Assert.Equal(errors[1].Message, errors[0].Message);
        Assert.Equal((3, "suite", "No such suite."), errors[2]);
    }

    [Fact]
    public async Task A_reference_held_by_a_fault_the_importer_may_not_see_reads_like_a_bad_reference()
    {
        var (manager, suite, _) = await ArrangeAsync();
        var production = $"Project Lantern {Guid.NewGuid().ToString("N")[..6]}";
        var productionId = await ProductionAsync(manager, production, Classification.Restricted);
        var cleared = (await app.UserAsync(Role.Manager, productionId)).Client;
        var hidden = Ref();
        AssertCounts(await ImportAsync(cleared, Json(new
        {
            externalRef = hidden, title = "Leaked screener", symptoms = "x", category = "Os", suite, production,
        }), "application/json"), 1, 0, 0);

        var result = await ImportAsync(manager, Json(
            new { externalRef = hidden, title = "Overwrite", symptoms = "x", category = "Os", suite },
            new { externalRef = new string('r', 101), title = "Too long", symptoms = "x", category = "Os", suite }), "application/json");

        AssertCounts(result, 0, 0, 2);
        var errors = Errors(result);
        Assert.All(errors, e => Assert.Equal("externalRef", e.Field));
        Assert.Equal(errors[1].Message, errors[0].Message);
        await using var scope = app.Services.CreateAsyncScope();
        var probe = Assert.Single(scope.ServiceProvider.GetRequiredService<TechSupport.Application.Data.TechSupportDbContext>()
            .AuditEvents.Where(e => e.Action == FaultImporter.RefusedAction).ToList());
        Assert.Contains(hidden, probe.After, StringComparison.Ordinal);
        Assert.Equal("Fault", probe.EntityType);
    }

    [Theory]
    [InlineData(Role.Operator)]
    [InlineData(Role.Engineer)]
    public async Task Operators_and_engineers_may_not_import(Role role)
    {
        var client = (await app.UserAsync(role)).Client;

        var response = await PostAsync(client, Json(new { externalRef = Ref(), title = "a", symptoms = "x", category = "Os" }),
            "application/json");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_may_import()
    {
        var admin = await app.AdminAsync();

        var result = await ImportAsync(admin, Json(new { externalRef = Ref(), title = "a", symptoms = "x", category = "Os" }),
            "application/json");

        AssertCounts(result, 1, 0, 0);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    public async Task A_body_of_another_content_type_is_refused_naming_the_content_type(string contentType)
    {
        var (manager, _, _) = await ArrangeAsync();

        var response = await PostAsync(manager, "externalRef,title\nOLD-1,a", contentType);

        await Problems.AssertFieldErrorAsync(response, "Content-Type");
    }

    [Fact]
    public async Task A_broken_json_array_imports_nothing_and_names_the_body()
    {
        var (manager, suite, suiteId) = await ArrangeAsync();
        var good = JsonSerializer.Serialize(new { externalRef = Ref(), title = "a", symptoms = "x", category = "Os", suite });

        var response = await PostAsync(manager, $"[{good}, {{\"title\": ", "application/json");

        await Problems.AssertFieldErrorAsync(response, "body");
        Assert.Empty(await FaultsInAsync(manager, suiteId));
    }

    [Fact]
    public async Task A_body_over_50_mb_is_refused_naming_the_body()
    {
        var (manager, _, _) = await ArrangeAsync();
        using var content = new ByteArrayContent(BlankLines(FaultImportReader.MaxBytes + 1));
        content.Headers.ContentType = new("application/x-ndjson");

        var response = await manager.PostAsync(Route, content);

        Assert.Contains("50 MB", Assert.Single(await Problems.AssertFieldErrorAsync(response, "body")));
    }

    // A chunked upload declares no length, so the reader counts what it reads (the test server always
    // sends a length, so this asks the reader directly).
    [Fact]
    public async Task The_reader_stops_past_50_mb_whatever_the_body_declares()
    {
        await using var body = new MemoryStream(BlankLines(FaultImportReader.MaxBytes + 1));

        var refused = await Assert.ThrowsAsync<ValidationException>(() => FaultImportReader.ReadAsync(body, ImportFormat.Ndjson, default));

        Assert.Equal("body", Assert.Single(refused.Errors).PropertyName);
    }

    private static byte[] BlankLines(long length)
    {
        var bytes = new byte[length];
        Array.Fill(bytes, (byte)'\n');
        return bytes;
    }

    [Fact]
    public async Task More_than_50000_records_are_refused_naming_the_body()
    {
        var (manager, _, _) = await ArrangeAsync();
        var body = string.Concat(Enumerable.Repeat("{}\n", 50_001));

        var response = await PostAsync(manager, body, "application/x-ndjson");

        Assert.Contains("50,000", Assert.Single(await Problems.AssertFieldErrorAsync(response, "body")));
    }

    [Fact]
    public async Task A_value_of_the_wrong_json_type_fails_its_record_by_field()
    {
        var (manager, suite, _) = await ArrangeAsync();
        var body = $$"""
            [{"externalRef": "{{Ref()}}", "title": 42, "symptoms": "x", "category": "Os", "suite": "{{suite}}"},
             {"externalRef": "{{Ref()}}", "title": "b", "symptoms": "x", "category": "Os", "workaround": "reboot"},
             7]
            """;

        var result = await ImportAsync(manager, body, "application/json");

        AssertCounts(result, 0, 0, 3);
        Assert.Equal([(1, "title"), (2, "workaround"), (3, "record")], Errors(result).Select(e => (e.Line, e.Field)));
    }

    [Fact]
    public async Task The_openapi_document_describes_the_import_route_and_its_formats()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var post = document.GetProperty("paths").GetProperty(Route).GetProperty("post");
        var content = post.GetProperty("requestBody").GetProperty("content");
        Assert.True(content.TryGetProperty("application/json", out _));
        Assert.True(content.TryGetProperty("application/x-ndjson", out _));
        Assert.True(content.TryGetProperty("text/csv", out _));
        Assert.True(post.GetProperty("responses").TryGetProperty("200", out _));
    }

    [Fact]
    public async Task The_sample_file_imports_cleanly_into_the_demo_facility()
    {
        await using var demo = new DemoApp();
        await demo.InitializeAsync();
        var manager = await demo.SignInAsync("manager@demo.local", DemoSeeder.DemoPassword);
        var csv = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "seed", "import", "historical-faults.csv"));

        var result = await ImportAsync(manager, csv, "text/csv");

        Assert.Empty(Errors(result));
        AssertCounts(result, 10, 0, 0);
    }
}

// The `import` verb, run as a real process like the other commands.
public sealed class ImportCommandLineTests : IAsyncLifetime
{
    private const string Admin = "chief@facility.test";
    private const string AdminPassword = "Machine-Room-Key-1";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "techsupport-cli", Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }

        return Task.CompletedTask;
    }

    private Task<(int Exit, string Out, string Error)> RunAsync(params string[] args) =>
        AppProcess.RunAsync(_data, "", args);

    // The app in process on the command line's data folder, signed in as the given user. It asks nobody for a
    // second factor: these tests are about the import, and the admin made by create-admin is no demo user.
    private async Task<HttpClient> SignedInAsync(TechSupportApp app, string email, string password)
    {
        var client = app.WithWebHostBuilder(b => b.UseSetting("TechSupport:DataPath", _data).UseSetting("Identity:RequireMfaForRoles", ""))
            .CreateClient();
        var login = await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email, password })).JsonAsync();
        client.DefaultRequestHeaders.Authorization = new("Bearer", login.GetProperty("accessToken").GetString());
        return client;
    }

    private async Task<string> FileAsync(string name, string text)
    {
        var path = Path.Combine(_data, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    [Fact]
    public async Task Import_loads_a_csv_file_and_exits_2_when_some_records_failed()
    {
        var created = await RunAsync("create-admin", "--email", Admin, "--password", AdminPassword, "--name", "Chief Engineer");
        Assert.True(created.Exit == 0, created.Error);
        var clean = await FileAsync("clean.csv", """
            externalRef,title,symptoms,category,resolution,reportedAt
            HELP-1001,Resolve stutters on playback,Dropped frames from the SAN,Storage,Raised the NFS read-ahead,2025-03-14T09:30:00Z
            HELP-1002,No genlock on the SPG,Reference flashing amber,Signal,,2025-04-02
            """);
        var partial = await FileAsync("partial.csv", """
            externalRef,title,symptoms,category
            HELP-1001,Resolve stutters on playback from the SAN,Dropped frames from the SAN,Storage
            HELP-1003,Mystery,Something odd,Gremlins
            """);

        var first = await RunAsync("import", clean);
        var second = await RunAsync("import", partial);

        Assert.True(first.Exit == 0, first.Error);
        Assert.Contains("Imported 2, updated 0, failed 0", first.Out);
        Assert.Equal(2, second.Exit);
        Assert.Contains("Imported 0, updated 1, failed 1", second.Out);
        Assert.Contains("line 2, field category: 'Gremlins' is not one of:", second.Error);

        Assert.Contains("Importing in the name of Chief Engineer <chief@facility.test>, the first administrator", first.Out);
        await using var app = new TechSupportApp();
        var client = await SignedInAsync(app, Admin, AdminPassword);
        var faults = await client.GetFromJsonAsync<JsonElement>("/api/v1/faults");
        Assert.Equal(2, faults.GetProperty("total").GetInt32());
        Assert.Contains(faults.GetProperty("items").EnumerateArray(),
            f => f.GetProperty("title").GetString() == "Resolve stutters on playback from the SAN");
    }

    [Fact]
    public async Task Import_as_a_named_manager_reports_the_faults_in_their_name_and_refuses_anyone_else()
    {
        Assert.Equal(0, (await RunAsync("create-admin", "--email", Admin, "--password", AdminPassword)).Exit);
        await using (var setup = new TechSupportApp())
        {
            var admin = await SignedInAsync(setup, Admin, AdminPassword);
            foreach (var (email, name, role) in new[]
            {
                ("archive@facility.test", "Ash Archivist", "Manager"), ("tech@facility.test", "Tess Tech", "Engineer"),
            })
            {
                (await admin.PostAsJsonAsync("/api/v1/admin/users",
                    new { email, password = AdminPassword, displayName = name, role })).EnsureSuccessStatusCode();
            }
        }

        var path = await FileAsync("faults.json", """
            [{ "externalRef": "HELP-2001", "title": "LTO-9 write errors", "symptoms": "Medium error on tape 14", "category": "Archive" }]
            """);

        var asEngineer = await RunAsync("import", path, "--as", "tech@facility.test");
        var asStranger = await RunAsync("import", path, "--as", "nobody@facility.test");
        var asManager = await RunAsync("import", path, "--as", "ARCHIVE@facility.test");

        Assert.Equal(1, asEngineer.Exit);
        Assert.Equal("No manager or administrator has the e-mail tech@facility.test.", asEngineer.Error.Trim());
        Assert.Equal(1, asStranger.Exit);
        Assert.Equal("No manager or administrator has the e-mail nobody@facility.test.", asStranger.Error.Trim());
        Assert.DoesNotContain("Imported", asEngineer.Out + asStranger.Out);
        Assert.True(asManager.Exit == 0, asManager.Error);
        Assert.Contains("Importing in the name of Ash Archivist <archive@facility.test>.", asManager.Out);
        Assert.Contains("Imported 1, updated 0, failed 0", asManager.Out);
        await using var app = new TechSupportApp();
        var client = await SignedInAsync(app, Admin, AdminPassword);
        var fault = (await client.GetFromJsonAsync<JsonElement>("/api/v1/faults")).GetProperty("items").EnumerateArray().Single();
        Assert.Equal("Ash Archivist", fault.GetProperty("reportedBy").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_file_of_an_unknown_format_exits_non_zero_with_one_plain_sentence()
    {
        var path = await FileAsync("faults.txt", "externalRef,title\nHELP-1,a\n");

        var (exit, output, error) = await RunAsync("import", path);

        Assert.NotEqual(0, exit);
        Assert.Contains("faults.txt", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.DoesNotContain("Exception", error);
        Assert.DoesNotContain("Imported", output);
    }
}
