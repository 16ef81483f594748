using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TechSupport.Application.Data;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// S6: every read of Confidential or Restricted material is audited, by whom and of what; Standard
// material and refused reads leave nothing.
public sealed class ReadAuditTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    private async Task<List<AuditEvent>> ReadsOfAsync(Guid entityId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TechSupportDbContext>();
        var id = entityId.ToString();
        return await db.AuditEvents.AsNoTracking().Where(e => e.Action == ReadAudit.Action && e.EntityId == id)
            .OrderBy(e => e.Id).ToListAsync();
    }

    private async Task<(Guid Production, Guid Fault, HttpClient Reader, Guid ReaderId)> ClassifiedFaultAsync(Classification classification)
    {
        var admin = await app.AdminAsync();
        var production = await new ProductionBuilder().Classified(classification).SendAsync(admin);
        var (reader, readerId) = await app.UserAsync(Role.Engineer, production);
        var fault = await new FaultBuilder(await new SuiteBuilder().SendAsync(admin)).For(production).SendAsync(reader).IdOfAsync();
        return (production, fault, reader, readerId);
    }

    [Theory]
    [InlineData(Classification.Confidential)]
    [InlineData(Classification.Restricted)]
    public async Task Reading_a_classified_fault_on_the_api_records_who_read_it(Classification classification)
    {
        var (_, fault, reader, readerId) = await ClassifiedFaultAsync(classification);

        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/faults/{fault}")).StatusCode);

        var read = Assert.Single(await ReadsOfAsync(fault));
        Assert.Equal(readerId, read.ActorId);
        Assert.Equal(nameof(Fault), read.EntityType);
        Assert.Contains(classification.ToString(), read.After, StringComparison.Ordinal);
        Assert.Equal(app.Clock.GetUtcNow(), read.At);
    }

    [Fact]
    public async Task The_fault_page_and_the_briefing_are_reads_too()
    {
        var (_, fault, reader, _) = await ClassifiedFaultAsync(Classification.Confidential);

        await app.PagesFor(reader).OpenAsync($"/faults/{fault}");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/v1/faults/{fault}/briefing")).StatusCode);

        var reads = await ReadsOfAsync(fault);
        Assert.Equal(2, reads.Count);
        Assert.Contains(reads, r => r.After!.Contains("briefing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_standard_fault_is_read_without_an_audit_event_and_a_refused_read_leaves_none()
    {
        var admin = await app.AdminAsync();
        var (engineer, _) = await app.UserAsync(Role.Engineer);
        var standard = await new FaultBuilder(await new SuiteBuilder().SendAsync(admin)).SendAsync(engineer).IdOfAsync();
        var (_, restricted, _, _) = await ClassifiedFaultAsync(Classification.Restricted);

        Assert.Equal(HttpStatusCode.OK, (await engineer.GetAsync($"/api/v1/faults/{standard}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync($"/api/v1/faults/{restricted}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/faults/{restricted}")).StatusCode);

        Assert.Empty(await ReadsOfAsync(standard));
        Assert.Empty(await ReadsOfAsync(restricted));
    }

    [Fact]
    public async Task Reads_join_the_same_hash_chain_as_changes_and_the_chain_still_holds()
    {
        var (_, fault, reader, _) = await ClassifiedFaultAsync(Classification.Confidential);
        await reader.GetAsync($"/api/v1/faults/{fault}");
        await new FaultBuilder(await new SuiteBuilder().SendAsync(await app.AdminAsync())).SendAsync(reader);
        await reader.GetAsync($"/api/v1/faults/{fault}");

        await using var scope = app.Services.CreateAsyncScope();
        var chain = await scope.ServiceProvider.GetRequiredService<TechSupportDbContext>().AuditEvents.AsNoTracking()
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Contains(chain, e => e.Action == ReadAudit.Action);
        for (var i = 0; i < chain.Count; i++)
        {
            Assert.Equal(chain[i].ComputeHash(), chain[i].Hash);
            Assert.Equal(i == 0 ? "" : chain[i - 1].Hash, chain[i].PreviousHash);
        }
    }
}
