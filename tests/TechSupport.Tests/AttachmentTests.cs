using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TechSupport.Application.Data;
using TechSupport.Domain;
using TechSupport.Tests.Support;
using TechSupport.Web.Infrastructure;

namespace TechSupport.Tests;

// Attachments end to end (S3–S6, E5): real files, a real SQLite database and the real attachments folder.
public sealed class AttachmentTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    public static TheoryData<Role, Classification, bool, bool> Visibility => new()
    {
        { Role.Operator, Classification.Standard, false, true },
        { Role.Operator, Classification.Confidential, false, false },
        { Role.Operator, Classification.Confidential, true, true },
        { Role.Operator, Classification.Restricted, false, false },
        { Role.Operator, Classification.Restricted, true, true },
        { Role.Engineer, Classification.Standard, false, true },
        { Role.Engineer, Classification.Confidential, false, false },
        { Role.Engineer, Classification.Confidential, true, true },
        { Role.Engineer, Classification.Restricted, false, false },
        { Role.Engineer, Classification.Restricted, true, true },
        { Role.Manager, Classification.Standard, false, true },
        { Role.Manager, Classification.Confidential, false, true },
        { Role.Manager, Classification.Restricted, false, false },
        { Role.Manager, Classification.Restricted, true, true },
        { Role.Admin, Classification.Standard, false, true },
        { Role.Admin, Classification.Confidential, false, true },
        { Role.Admin, Classification.Restricted, false, false },
        { Role.Admin, Classification.Restricted, true, true },
    };

    public static TheoryData<string, string, string> RenamedAndRefused => new()
    {
        { "PE", "report.pdf", "This file is a Windows executable; executables and scripts are never accepted." },
        { "ELF", "render.log", "This file is a Linux executable (ELF); executables and scripts are never accepted." },
        { "shebang", "notes.txt", "This file is a script (it starts with #!); executables and scripts are never accepted." },
        { "HTML", "screenshot.png", "This file is HTML or SVG markup, which can carry script; markup, executables and scripts are never accepted." },
        { "truncated PNG", "frame.png", "This file starts as a PNG image but is cut short or damaged; attach the whole image." },
    };

    private string Folder => Path.Combine(app.DataPath, "attachments");

    [Fact]
    public async Task Each_accepted_kind_is_attached_and_downloads_back_byte_for_byte_as_a_file_never_inline()
    {
        var (reporter, faultId) = await FaultAsync(Classification.Standard);
        var files = new (string Name, byte[] Bytes, string Kind, string Type)[]
        {
            ("scope.png", TestFiles.Png(), "Png", "image/png"),
            ("still.jpg", TestFiles.Jpeg(), "Jpeg", "image/jpeg"),
            ("spinner.gif", TestFiles.Gif(), "Gif", "image/gif"),
            ("qc-report.pdf", TestFiles.Pdf(), "Pdf", "application/pdf"),
            ("resolve.log", TestFiles.Log(), "Text", "text/plain; charset=utf-8"),
            ("config.json", TestFiles.Text("""{"lut":"Rec709","nits":100}"""), "Json", "application/json"),
            ("project.xml", TestFiles.Text("""<?xml version="1.0"?><project><bin name="A001"/></project>"""), "Xml", "application/xml"),
            ("tone.wav", TestFiles.Wav(), "Audio", "audio/wav"),
            ("A001C003.mxf", TestFiles.Mxf(), "Video", "application/mxf"),
        };

        var created = await UploadAsync(reporter, faultId, [.. files.Select(f => (f.Name, f.Bytes))]);

        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        Assert.Equal($"/api/v1/faults/{faultId}/attachments", created.Headers.Location?.OriginalString);
        var items = (await created.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(files.Length, items.Count);
        var onDisk = Directory.GetFiles(Folder).Select(Path.GetFileName).ToHashSet();
        for (var i = 0; i < files.Length; i++)
        {
            var (name, bytes, kind, type) = files[i];
            var item = items[i];
            Assert.Equal(name, item.GetProperty("fileName").GetString());
            Assert.Equal(kind, item.GetProperty("kind").GetString());
            Assert.Equal(type, item.GetProperty("contentType").GetString());
            Assert.Equal(bytes.Length, item.GetProperty("size").GetInt64());
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), item.GetProperty("sha256").GetString());
            Assert.False(item.GetProperty("encrypted").GetBoolean());
            Assert.StartsWith("Operator ", item.GetProperty("uploadedBy").GetString(), StringComparison.Ordinal);
            Assert.Equal(app.Clock.GetUtcNow(), item.GetProperty("uploadedAt").GetDateTimeOffset());

            // S4: under its id alone, no extension and nothing of the uploaded name.
            var id = item.GetProperty("id").GetGuid();
            Assert.Contains(id.ToString("N"), onDisk);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(Folder, id.ToString("N"))));

            var download = await reporter.GetAsync($"/api/v1/attachments/{id}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
            Assert.Equal(type, download.Content.Headers.ContentType?.ToString());
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(name, download.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));
            Assert.Contains("no-store", download.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        }

        var listed = await reporter.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}/attachments");
        Assert.Equal(files.Length, listed.GetProperty("total").GetInt32());
        // The files of one upload list by name.
        Assert.Equal(files.Select(f => f.Name).Order(StringComparer.Ordinal),
            listed.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("fileName").GetString()));
    }

    [Fact]
    public async Task A_download_is_named_safely_whatever_name_it_was_uploaded_under()
    {
        var (reporter, faultId) = await FaultAsync(Classification.Standard);

        // Sent as a browser on Windows once sent it: the whole path, in RFC 5987 form.
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(TestFiles.Log());
        part.Headers.TryAddWithoutValidation("Content-Disposition",
            "form-data; name=\"file\"; filename*=UTF-8''..%5C..%5CR%C3%A9glage%20%22%C3%A9cran%22%E2%80%AEgnp.txt");
        content.Add(part);
        var created = await reporter.PostAsync($"/api/v1/faults/{faultId}/attachments", content);

        var item = (await created.JsonAsync()).GetProperty("items")[0];
        Assert.Equal("Réglage écrangnp.txt", item.GetProperty("fileName").GetString());
        var download = await reporter.GetAsync($"/api/v1/attachments/{item.GetProperty("id").GetGuid()}");
        var disposition = download.Content.Headers.GetValues("Content-Disposition").Single();
        Assert.Equal("attachment; filename=\"R_glage _crangnp.txt\"; filename*=UTF-8''R%C3%A9glage%20%C3%A9crangnp.txt", disposition);
    }

    [Theory]
    [MemberData(nameof(RenamedAndRefused))]
    public async Task A_renamed_executable_script_or_broken_image_is_refused_naming_the_file_field_and_leaves_nothing_on_disk(
        string kind, string name, string reason)
    {
        var (reporter, faultId) = await FaultAsync(Classification.Standard);
        var bytes = kind switch
        {
            "PE" => TestFiles.PortableExecutable(),
            "ELF" => TestFiles.Elf(),
            "shebang" => TestFiles.ShebangScript(),
            "HTML" => TestFiles.Html(),
            _ => TestFiles.TruncatedPng(),
        };
        var before = OnDisk();

        // A good file beside the bad one: the upload is all or nothing.
        var refused = await UploadAsync(reporter, faultId, ("scope.png", TestFiles.Png()), (name, bytes));

        Assert.Equal([reason], await Problems.AssertFieldErrorAsync(refused, "file"));
        Assert.Equal(before, OnDisk());
        var listed = await reporter.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}/attachments");
        Assert.Equal(0, listed.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(Classification.Confidential)]
    [InlineData(Classification.Restricted)]
    public async Task Video_and_audio_essence_is_refused_on_confidential_and_restricted_faults(Classification classification)
    {
        var (reporter, faultId) = await FaultAsync(classification);
        var before = OnDisk();

        var wav = await UploadAsync(reporter, faultId, ("tone.wav", TestFiles.Wav()));
        var mxf = await UploadAsync(reporter, faultId, ("A001C003.mxf", TestFiles.Mxf()));

        Assert.Equal([$"This file is audio essence; media is never attached to a {classification} fault."],
            await Problems.AssertFieldErrorAsync(wav, "file"));
        Assert.Equal([$"This file is video essence; media is never attached to a {classification} fault."],
            await Problems.AssertFieldErrorAsync(mxf, "file"));
        Assert.Equal(before, OnDisk());
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(reporter, faultId, ("scope.png", TestFiles.Png()))).StatusCode);
    }

    [Fact]
    public async Task Media_essence_on_a_security_incident_is_refused_because_it_counts_as_restricted()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var standard = await new ProductionBuilder().SendAsync(manager);
        var faultId = (await new FaultBuilder(suiteId).For(standard).AsSecurityIncident().SendAsync(manager)).GetProperty("id").GetGuid();

        var refused = await UploadAsync(manager, faultId, ("cctv.mxf", TestFiles.Mxf()));

        Assert.Equal(["This file is video essence; media is never attached to a Restricted fault."],
            await Problems.AssertFieldErrorAsync(refused, "file"));
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_on_the_api_and_the_page_and_leaves_nothing_on_disk()
    {
        await using var small = new TechSupportApp().With("Attachments:MaxBytes", "1024");
        await small.InitializeAsync();
        var manager = (await small.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var (email, _) = await small.AccountAsync(Role.Operator);
        var reporter = await small.SignInAsync(email);
        var faultId = (await new FaultBuilder(suiteId).SendAsync(reporter)).GetProperty("id").GetGuid();
        var folder = Path.Combine(small.DataPath, "attachments");
        var before = Directory.GetFiles(folder);
        var big = TestFiles.Text(new string('x', 1025));

        var refused = await UploadAsync(reporter, faultId, ("big.log", big));

        Assert.Equal(["Each file may be at most 1 KB."], await Problems.AssertFieldErrorAsync(refused, "file"));
        Assert.Equal(before, Directory.GetFiles(folder));
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(reporter, faultId, ("fits.log", big[..1024]))).StatusCode);

        var pages = await PageSession.SignInAsync(small, email);
        var page = await pages.PostFilesAsync($"/faults/{faultId}?handler=Upload", "file", ("big.log", big));
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Each file may be at most 1 KB.", page.Text("#attachment-file-error"));
        Assert.Equal("true", page.Get("#attachment-file").GetAttribute("aria-invalid"));
        Assert.Single(Directory.GetFiles(folder));

        // Past the bound of a whole upload the framework refuses the form before the page sees it.
        var huge = await pages.PostFilesAsync($"/faults/{faultId}?handler=Upload", "file", ("huge.log", new byte[small.Services
            .GetRequiredService<Application.Attachments.AttachmentSettings>().MaxUploadBytes + 1]));
        Assert.Equal(HttpStatusCode.BadRequest, huge.Status);
        Assert.Equal("The request could not be read", huge.Text("h1"));
        Assert.Single(Directory.GetFiles(folder));
    }

    [Theory]
    [MemberData(nameof(Visibility))]
    public async Task An_attachment_is_seen_exactly_by_those_who_may_see_its_fault_and_is_otherwise_a_random_id(Role role,
        Classification classification, bool cleared, bool visible)
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var productionId = await new ProductionBuilder().Classified(classification).SendAsync(manager);
        var reporter = (await app.UserAsync(Role.Operator, productionId)).Client;
        var faultId = (await new FaultBuilder(suiteId).For(productionId).SendAsync(reporter)).GetProperty("id").GetGuid();
        var attachmentId = await AttachAsync(reporter, faultId, "scope-canary.png", TestFiles.Png());
        var viewer = cleared ? (await app.UserAsync(role, productionId)).Client : (await app.UserAsync(role)).Client;

        var list = await viewer.GetAsync($"/api/v1/faults/{faultId}/attachments");
        var download = await viewer.GetAsync($"/api/v1/attachments/{attachmentId}");
        var briefing = await viewer.GetAsync($"/api/v1/faults/{faultId}/briefing");
        var upload = await UploadAsync(viewer, faultId, ("viewer.log", TestFiles.Log()));
        var page = await app.PagesFor(viewer).RequestAsync($"/attachments/{attachmentId}");

        if (visible)
        {
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            Assert.Contains("scope-canary.png", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(TestFiles.Png(), await download.Content.ReadAsByteArrayAsync());
            Assert.Contains("scope-canary.png (PNG image, ", await briefing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            return;
        }

        Assert.Equal(await BodyAsync(await viewer.GetAsync($"/api/v1/faults/{Guid.NewGuid()}/attachments")), await NotFoundAsync(list));
        Assert.Equal(await BodyAsync(await viewer.GetAsync($"/api/v1/attachments/{Guid.NewGuid()}")), await NotFoundAsync(download));
        Assert.Equal(await BodyAsync(await viewer.GetAsync($"/api/v1/faults/{Guid.NewGuid()}/briefing")), await NotFoundAsync(briefing));
        Assert.Equal(await BodyAsync(await UploadAsync(viewer, Guid.NewGuid(), ("viewer.log", TestFiles.Log()))), await NotFoundAsync(upload));
        var randomPage = await app.PagesFor(viewer).RequestAsync($"/attachments/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        // The whole page but the sign-out form's antiforgery token, which is new on every answer.
        Assert.Equal(randomPage.Text("main"), page.Text("main"));
        Assert.DoesNotContain("scope-canary", page.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restricted_attachment_is_not_its_plaintext_on_disk_and_downloads_back_identical()
    {
        var (reporter, faultId) = await FaultAsync(Classification.Restricted);
        var secret = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 4_000).Select(i => $"{i:D6} CANARY-CUT-OF-REEL-7 unreleased\n")));

        var created = await UploadAsync(reporter, faultId, ("reel7.log", secret));

        var item = (await created.JsonAsync()).GetProperty("items")[0];
        Assert.True(item.GetProperty("encrypted").GetBoolean());
        var id = item.GetProperty("id").GetGuid();
        var stored = await File.ReadAllBytesAsync(Path.Combine(Folder, id.ToString("N")));
        Assert.True(stored.Length > secret.Length);
        Assert.True(stored.AsSpan().IndexOf("CANARY-CUT-OF-REEL-7"u8) < 0);
        Assert.True(stored.AsSpan().IndexOf(secret.AsSpan(0, 64)) < 0);
        Assert.True(File.Exists(Path.Combine(Folder, id.ToString("N") + ".key")));
        Assert.DoesNotContain(Directory.GetFiles(Folder), f => f.EndsWith(".upload", StringComparison.Ordinal));

        var download = await reporter.GetAsync($"/api/v1/attachments/{id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(secret, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("text/plain; charset=utf-8", download.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [InlineData(Classification.Restricted, 100)]
    [InlineData(Classification.Restricted, -1)]
    [InlineData(Classification.Standard, 10)]
    public async Task Tampering_one_byte_on_disk_makes_the_download_fail_with_a_clear_problem(Classification classification, int at)
    {
        var (reporter, faultId) = await FaultAsync(classification);
        var id = await AttachAsync(reporter, faultId, "reel7.log", TestFiles.Log());
        var path = Path.Combine(Folder, id.ToString("N"));
        var stored = await File.ReadAllBytesAsync(path);
        stored[at < 0 ? stored.Length + at : at] ^= 0x20;
        await File.WriteAllBytesAsync(path, stored);

        var download = await reporter.GetAsync($"/api/v1/attachments/{id}");

        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
        Assert.Equal("application/problem+json", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Application.Attachments.AttachmentStore.Damaged, (await download.JsonAsync()).GetProperty("title").GetString());
        var page = await app.PagesFor(reporter).RequestAsync($"/attachments/{id}");
        Assert.Equal(HttpStatusCode.Conflict, page.Status);
        Assert.Equal(Application.Attachments.AttachmentStore.Damaged, page.Text("#download-problem"));
    }

    [Fact]
    public async Task A_tampered_file_is_logged_for_the_administrators_by_its_id_never_its_name()
    {
        var logs = new LogCapture();
        await using var logged = new TechSupportApp().Replacing(services => services.AddSingleton<ILoggerProvider>(logs));
        await logged.InitializeAsync();
        var manager = (await logged.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var productionId = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(manager);
        var reporter = (await logged.UserAsync(Role.Operator, productionId)).Client;
        var faultId = (await new FaultBuilder(suiteId).For(productionId).SendAsync(reporter)).GetProperty("id").GetGuid();
        var id = await AttachAsync(reporter, faultId, "reel7-secret-name.log", TestFiles.Log());
        var path = Path.Combine(logged.DataPath, "attachments", id.ToString("N"));
        var stored = await File.ReadAllBytesAsync(path);
        stored[40] ^= 0x01;
        await File.WriteAllBytesAsync(path, stored);

        Assert.Equal(HttpStatusCode.Conflict, (await reporter.GetAsync($"/api/v1/attachments/{id}")).StatusCode);

        Assert.Contains(logs.Lines, l => l.Level == LogLevel.Error && l.Message.Contains(id.ToString(), StringComparison.Ordinal)
            && l.Message.Contains(faultId.ToString(), StringComparison.Ordinal) && l.Message.Contains("integrity", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Message.Contains("reel7-secret-name", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_restricted_key_file_changed_on_disk_fails_the_download_cleanly_too()
    {
        var (reporter, faultId) = await FaultAsync(Classification.Restricted);
        var id = await AttachAsync(reporter, faultId, "reel7.log", TestFiles.Log());
        var key = Path.Combine(Folder, id.ToString("N") + ".key");
        var bytes = await File.ReadAllBytesAsync(key);
        bytes[^3] ^= 0x01;
        await File.WriteAllBytesAsync(key, bytes);

        var download = await reporter.GetAsync($"/api/v1/attachments/{id}");

        Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
        File.Delete(key);
        Assert.Equal(HttpStatusCode.Conflict, (await reporter.GetAsync($"/api/v1/attachments/{id}")).StatusCode);
    }

    [Theory]
    [InlineData(Classification.Confidential)]
    [InlineData(Classification.Restricted)]
    public async Task Every_download_of_classified_material_is_audited_in_the_hash_chain(Classification classification)
    {
        var (reporter, faultId) = await FaultAsync(classification);
        var id = await AttachAsync(reporter, faultId, "reel7.log", TestFiles.Log());
        var me = (await reporter.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("id").GetGuid();

        (await reporter.GetAsync($"/api/v1/attachments/{id}")).EnsureSuccessStatusCode();
        (await reporter.GetAsync($"/api/v1/attachments/{id}")).EnsureSuccessStatusCode();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var reads = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == "Download" && e.EntityType == "Attachment" && e.EntityId == id.ToString()).ToListAsync();
        Assert.Equal(2, reads.Count);
        Assert.All(reads, e =>
        {
            Assert.Equal(me, e.ActorId);
            Assert.Contains(faultId.ToString(), e.After, StringComparison.Ordinal);
            Assert.Contains(classification.ToString(), e.After, StringComparison.Ordinal);
        });
        await AssertChainIntactAsync(db);
    }

    [Fact]
    public async Task A_download_of_a_standard_attachment_is_not_audited_as_a_read()
    {
        var (reporter, faultId) = await FaultAsync(Classification.Standard);
        var id = await AttachAsync(reporter, faultId, "scope.png", TestFiles.Png());

        (await reporter.GetAsync($"/api/v1/attachments/{id}")).EnsureSuccessStatusCode();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "Download" && e.EntityId == id.ToString()));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == "Added" && e.EntityType == "Attachment" && e.EntityId == id.ToString()));
    }

    [Fact]
    public async Task A_security_incidents_attachments_are_locked_to_managers_and_its_reporter_is_told_why()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var reporter = (await app.UserAsync(Role.Operator)).Client;
        var fault = await new FaultBuilder(suiteId).AsSecurityIncident().SendAsync(reporter);
        var faultId = fault.GetProperty("id").GetGuid();
        Assert.True((await reporter.FaultAsync(faultId)).GetProperty("attachmentsLocked").GetBoolean());

        var byReporter = await UploadAsync(reporter, faultId, ("usb-prompt.png", TestFiles.Png()));
        Assert.Equal(HttpStatusCode.Forbidden, byReporter.StatusCode);
        Assert.Equal("This fault is a security incident and its attachments are locked as evidence; only a manager may add files to it.",
            (await byReporter.JsonAsync()).GetProperty("title").GetString());

        var evidence = await AttachAsync(manager, faultId, "usb-prompt.png", TestFiles.Png());
        var admin = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.Created, (await UploadAsync(admin, faultId, ("audit.log", TestFiles.Log()))).StatusCode);

        var listed = await reporter.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{faultId}/attachments");
        Assert.Equal(2, listed.GetProperty("total").GetInt32());
        var refused = await reporter.GetAsync($"/api/v1/attachments/{evidence}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("This fault is a security incident and its attachments are locked as evidence; only a manager may download them.",
            (await refused.JsonAsync()).GetProperty("title").GetString());
        var page = await app.PagesFor(reporter).RequestAsync($"/attachments/{evidence}");
        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Contains("only a manager may download them", page.Text("#download-problem"), StringComparison.Ordinal);

        Assert.Equal(TestFiles.Png(), await (await manager.GetAsync($"/api/v1/attachments/{evidence}")).Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/attachments/{evidence}")).StatusCode);
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync($"/api/v1/attachments/{evidence}")).StatusCode);

        var reporterPage = await app.PagesFor(reporter).OpenAsync($"/faults/{faultId}");
        Assert.Contains("only a manager may add files or download them", reporterPage.Text("#attachments"), StringComparison.Ordinal);
        Assert.Null(reporterPage.Find("#attach-form"));
        Assert.Null(reporterPage.Find($"#attachments a[href='/attachments/{evidence}']"));
        var managerPage = await app.PagesFor(manager).OpenAsync($"/faults/{faultId}");
        Assert.NotNull(managerPage.Find("#attach-form"));
        Assert.NotNull(managerPage.Find($"#attachments a[href='/attachments/{evidence}']"));
    }

    [Fact]
    public async Task Restricted_attachments_are_purged_the_set_number_of_days_after_their_fault_closes_and_then_answer_gone()
    {
        await using var clockwork = new ClockworkApp();
        await clockwork.InitializeAsync();
        var manager = (await clockwork.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var restricted = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(manager);
        var standard = await new ProductionBuilder().SendAsync(manager);
        var engineer = (await clockwork.UserAsync(Role.Engineer, restricted)).Client;
        var secretFault = (await new FaultBuilder(suiteId).For(restricted).SendAsync(engineer)).GetProperty("id").GetGuid();
        var plainFault = (await new FaultBuilder(suiteId).For(standard).SendAsync(engineer)).GetProperty("id").GetGuid();
        var secret = await AttachAsync(engineer, secretFault, "reel7.log", TestFiles.Log());
        var plain = await AttachAsync(engineer, plainFault, "scope.png", TestFiles.Png());
        foreach (var fault in new[] { secretFault, plainFault })
        {
            (await engineer.PostAsJsonAsync($"/api/v1/faults/{fault}/resolve", new { fix = "Re-seated the SDI cable." })).EnsureSuccessStatusCode();
            (await engineer.PostAsJsonAsync($"/api/v1/faults/{fault}/close", new { })).EnsureSuccessStatusCode();
        }

        var folder = Path.Combine(clockwork.DataPath, "attachments");
        var purge = clockwork.Services.GetRequiredService<AttachmentPurgeService>();
        clockwork.Clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        await purge.RunOnceAsync(CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(folder, secret.ToString("N"))));
        Assert.Equal(HttpStatusCode.OK, (await engineer.GetAsync($"/api/v1/attachments/{secret}")).StatusCode);

        clockwork.Clock.Advance(TimeSpan.FromMinutes(2));
        var purgedAt = clockwork.Clock.GetUtcNow();
        await purge.RunOnceAsync(CancellationToken.None);

        Assert.False(File.Exists(Path.Combine(folder, secret.ToString("N"))));
        Assert.False(File.Exists(Path.Combine(folder, secret.ToString("N") + ".key")));
        Assert.True(File.Exists(Path.Combine(folder, plain.ToString("N"))));
        var listed = (await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{secretFault}/attachments")).GetProperty("items")[0];
        Assert.Equal(purgedAt, listed.GetProperty("purgedAt").GetDateTimeOffset());
        var gone = await engineer.GetAsync($"/api/v1/attachments/{secret}");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal(
            $"This attachment was purged on {purgedAt.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} under the retention rule for Restricted material, so its file no longer exists.",
            (await gone.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await engineer.GetAsync($"/api/v1/attachments/{plain}")).StatusCode);

        var page = await clockwork.PagesFor(engineer).OpenAsync($"/faults/{secretFault}");
        Assert.Contains("reel7.log", page.Text("#attachments"), StringComparison.Ordinal);
        Assert.Contains("Purged on ", page.Text("#attachments .purged"), StringComparison.Ordinal);
        Assert.Null(page.Find($"#attachments a[href='/attachments/{secret}']"));
        Assert.Equal(HttpStatusCode.Gone, (await clockwork.PagesFor(engineer).RequestAsync($"/attachments/{secret}")).Status);
        Assert.Contains("reel7.log (Text, ", await engineer.GetStringAsync($"/api/v1/faults/{secretFault}/briefing"), StringComparison.Ordinal);
        Assert.Contains("; purged on ", await engineer.GetStringAsync($"/api/v1/faults/{secretFault}/briefing"), StringComparison.Ordinal);

        await using var scope = clockwork.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var audit = await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == "Attachment" && e.EntityId == secret.ToString() && e.Action == "Modified").SingleAsync();
        Assert.Contains("PurgedAt", audit.After, StringComparison.Ordinal);
        Assert.Equal("TechSupport", audit.ActorName);
        await AssertChainIntactAsync(db);
        Assert.Equal(0, await purge.RunOnceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_fault_page_lists_attachments_with_download_links_and_takes_uploads_without_script()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var (email, _) = await app.AccountAsync(Role.Operator);
        var reporter = await app.SignInAsync(email);
        var faultId = (await new FaultBuilder(suiteId).SendAsync(reporter)).GetProperty("id").GetGuid();
        var pages = await PageSession.SignInAsync(app, email);

        var empty = await pages.OpenAsync($"/faults/{faultId}");
        Assert.Equal("No files attached.", empty.Text("#attachments .empty"));
        var form = empty.Get("#attach-form");
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.NotNull(form.QuerySelector("input[name='__RequestVerificationToken']"));
        Assert.NotNull(empty.Find("script[src^='/js/attachments.js']"));

        var posted = await pages.PostFilesAsync($"/faults/{faultId}?handler=Upload", "file", ("scope.png", TestFiles.Png()),
            ("resolve.log", TestFiles.Log()));
        var after = await pages.FollowAsync(posted);

        Assert.Contains("2 files attached to", after.Notice, StringComparison.Ordinal);
        var links = after.Document.QuerySelectorAll("#attachments a.file-name").ToList();
        Assert.Equal(["resolve.log", "scope.png"], links.Select(l => l.TextContent));
        Assert.Contains("PNG image · ", after.Text("#attachments li:last-child"), StringComparison.Ordinal);
        var download = await pages.DownloadAsync(links[1].GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(TestFiles.Png(), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nosniff", string.Join(",", download.Headers.GetValues("X-Content-Type-Options")));

        var refused = await pages.PostFilesAsync($"/faults/{faultId}?handler=Upload", "file", ("screenshot.png", TestFiles.Html()));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Equal("This file is HTML or SVG markup, which can carry script; markup, executables and scripts are never accepted.",
            refused.Text("#attachment-file-error"));
        Assert.Equal(2, refused.Document.QuerySelectorAll("#attachments li").Length);

        var printable = await pages.OpenAsync($"/faults/{faultId}/briefing");
        Assert.Contains("scope.png (PNG image, ", printable.Text("[aria-labelledby='b-attachments-h']"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_hostile_file_name_adds_no_link_html_or_heading_to_the_briefing_or_the_page()
    {
        var (reporter, faultId) = await FaultAsync(Classification.Standard);
        const string name = "## [click](evil.example) <img src=x onerror=alert(1)> *bold*.log";
        await AttachAsync(reporter, faultId, name, TestFiles.Log());

        var markdown = await reporter.GetStringAsync($"/api/v1/faults/{faultId}/briefing");
        var document = Markdown.Parse(markdown, new MarkdownPipelineBuilder().UsePipeTables().UseEmphasisExtras().Build());
        Assert.Empty(document.Descendants<LinkInline>());
        Assert.Empty(document.Descendants<HtmlInline>());
        Assert.Contains("- \\#\\# \\[click\\](evil.example) img src=x onerror=alert(1) bold.log (Text, ", markdown,
            StringComparison.Ordinal);
        Assert.Single(document.Descendants<HeadingBlock>(), h => h.Level == 2 && h.Inline?.FirstChild?.ToString() == "Attachments");

        var page = await app.PagesFor(reporter).OpenAsync($"/faults/{faultId}");
        Assert.Null(page.Find("#attachments img"));
        Assert.Contains("img src=x onerror=alert(1)", page.Text("#attachments a.file-name"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_that_is_not_multipart_or_has_no_file_is_refused_naming_the_file_field()
    {
        var (reporter, faultId) = await FaultAsync(Classification.Standard);

        var json = await reporter.PostAsJsonAsync($"/api/v1/faults/{faultId}/attachments", new { file = "scope.png" });
        Assert.Equal(["Send the files as multipart/form-data, each in a part named file."], await Problems.AssertFieldErrorAsync(json, "file"));

        using var other = new MultipartFormDataContent { { new ByteArrayContent(TestFiles.Png()), "picture", "scope.png" } };
        Assert.Equal(["Attach at least one file, in a part named file."],
            await Problems.AssertFieldErrorAsync(await reporter.PostAsync($"/api/v1/faults/{faultId}/attachments", other), "file"));

        using var broken = new ByteArrayContent(Encoding.ASCII.GetBytes("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.log\"\r\n\r\nhello"));
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=b");
        Assert.Equal(["The upload is not well-formed multipart/form-data; send each file in a part named file."],
            await Problems.AssertFieldErrorAsync(await reporter.PostAsync($"/api/v1/faults/{faultId}/attachments", broken), "file"));
        Assert.DoesNotContain(Directory.GetFiles(Folder), f => f.EndsWith(".upload", StringComparison.Ordinal));
    }

    private async Task<(HttpClient Reporter, Guid FaultId)> FaultAsync(Classification classification)
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var productionId = await new ProductionBuilder().Classified(classification).SendAsync(manager);
        var reporter = (await app.UserAsync(Role.Operator, productionId)).Client;
        var fault = await new FaultBuilder(suiteId).For(productionId).SendAsync(reporter);
        Assert.Equal(classification.ToString(), fault.GetProperty("classification").GetString());
        return (reporter, fault.GetProperty("id").GetGuid());
    }

    private static async Task<Guid> AttachAsync(HttpClient client, Guid faultId, string name, byte[] bytes)
    {
        var created = await UploadAsync(client, faultId, (name, bytes));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.JsonAsync()).GetProperty("items")[0].GetProperty("id").GetGuid();
    }

    // Each part declares itself an image, whatever it is: the declared type must count for nothing.
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid faultId, params (string Name, byte[] Bytes)[] files)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new MediaTypeHeaderValue("image/png");
            content.Add(part, "file", name);
        }

        return await client.PostAsync($"/api/v1/faults/{faultId}/attachments", content);
    }

    private string[] OnDisk() => [.. Directory.GetFiles(Folder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    private static async Task<string> NotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        return await BodyAsync(response);
    }

    // A problem's body without its trace id, which differs per request by design.
    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }

    private static async Task AssertChainIntactAsync(TechSupportDbContext db)
    {
        var events = await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
        var previous = "";
        foreach (var e in events)
        {
            Assert.Equal(previous, e.PreviousHash);
            Assert.Equal(e.ComputeHash(), e.Hash);
            previous = e.Hash;
        }
    }
}
