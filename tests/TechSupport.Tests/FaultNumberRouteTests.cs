using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// "TS-31" as people type and say it opens that fault: in the address bar, in the API and in the search box.
public sealed class FaultNumberRouteTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task Typing_a_fault_number_after_faults_opens_that_fault_whatever_its_case()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var fault = await new FaultBuilder(suiteId).SendAsync(manager);
        var id = fault.GetProperty("id").GetGuid();
        var number = fault.GetProperty("number").GetString()!;
        var pages = app.PagesFor((await app.UserAsync(Role.Operator)).Client);

        foreach (var typed in new[] { number, number.ToLowerInvariant() })
        {
            var opened = await pages.RequestAsync($"/faults/{typed}");
            Assert.Equal(HttpStatusCode.Redirect, opened.Status);
            Assert.Equal($"/faults/{id}", opened.Location?.OriginalString);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await pages.RequestAsync("/faults/TS-999999")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.RequestAsync("/faults/TS-99999999999999")).Status);
        Assert.Equal(HttpStatusCode.OK, (await pages.RequestAsync("/faults/new")).Status);
        Assert.Equal(HttpStatusCode.OK, (await pages.RequestAsync($"/faults/{id}")).Status);
    }

    [Fact]
    public async Task The_api_reads_a_fault_by_its_number_as_it_reads_it_by_id_with_its_etag()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var fault = await new FaultBuilder(suiteId).SendAsync(manager);
        var id = fault.GetProperty("id").GetGuid();
        var number = fault.GetProperty("number").GetString()!;
        var reader = (await app.UserAsync(Role.Engineer)).Client;
        var byId = await reader.GetAsync($"/api/v1/faults/{id}");

        foreach (var typed in new[] { number, number.ToLowerInvariant() })
        {
            var byNumber = await reader.GetAsync($"/api/v1/faults/{typed}");
            Assert.Equal(HttpStatusCode.OK, byNumber.StatusCode);
            Assert.Equal(byId.Headers.ETag, byNumber.Headers.ETag);
            Assert.Equal(await byId.Content.ReadAsStringAsync(), await byNumber.Content.ReadAsStringAsync());
        }

        var missing = await reader.GetAsync("/api/v1/faults/TS-999999");
        var unknown = await reader.GetAsync($"/api/v1/faults/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(await BodyAsync(unknown), await BodyAsync(missing));
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/faults?pageSize=1")).StatusCode);
    }

    [Fact]
    public async Task A_fault_number_typed_in_the_search_box_opens_the_fault_and_bare_digits_are_searched_for()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var fault = await new FaultBuilder(suiteId).SendAsync(manager);
        var id = fault.GetProperty("id").GetGuid();
        var number = fault.GetProperty("number").GetString()!;
        var pages = app.PagesFor((await app.UserAsync(Role.Operator)).Client);

        foreach (var typed in new[] { number, $" {number.ToLowerInvariant()} " })
        {
            var opened = await pages.RequestAsync($"/search?q={Uri.EscapeDataString(typed)}");
            Assert.Equal(HttpStatusCode.Redirect, opened.Status);
            Assert.Equal($"/faults/{id}", opened.Location?.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, (await pages.RequestAsync($"/search?q={number[3..]}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await pages.RequestAsync($"/search?q={number}+dropped+frames")).Status);
    }

    [Fact]
    public async Task A_number_the_caller_may_not_see_is_not_found_and_the_search_box_searches_for_it_instead()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        var productionId = await new ProductionBuilder().Classified(Classification.Restricted).SendAsync(manager);
        var reporter = (await app.UserAsync(Role.Operator, productionId)).Client;
        var fault = await new FaultBuilder(suiteId).For(productionId).SendAsync(reporter);
        var id = fault.GetProperty("id").GetGuid();
        var number = fault.GetProperty("number").GetString()!;

        foreach (var role in new[] { Role.Engineer, Role.Manager, Role.Admin })
        {
            var outsider = (await app.UserAsync(role)).Client;
            var pages = app.PagesFor(outsider);
            Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/v1/faults/{number}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await pages.RequestAsync($"/faults/{number}")).Status);
            var searched = await pages.RequestAsync($"/search?q={number}");
            Assert.Equal(HttpStatusCode.OK, searched.Status);
            Assert.DoesNotContain(id.ToString(), searched.Source, StringComparison.OrdinalIgnoreCase);
        }

        var cleared = app.PagesFor((await app.UserAsync(Role.Engineer, productionId)).Client);
        Assert.Equal($"/faults/{id}", (await cleared.RequestAsync($"/faults/{number}")).Location?.OriginalString);
        Assert.Equal($"/faults/{id}", (await cleared.RequestAsync($"/search?q={number}")).Location?.OriginalString);
    }

    private static async Task<string> BodyAsync(HttpResponseMessage response)
    {
        var body = (await response.Content.ReadFromJsonAsync<JsonNode>())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }
}
