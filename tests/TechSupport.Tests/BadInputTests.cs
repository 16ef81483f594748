using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

public sealed class BadInputTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    private async Task<(HttpClient Operator, HttpClient Manager, Guid SuiteId)> ArrangeAsync()
    {
        var manager = (await app.UserAsync(Role.Manager)).Client;
        var suiteId = await new SuiteBuilder().SendAsync(manager);
        return ((await app.UserAsync(Role.Operator)).Client, manager, suiteId);
    }

    private async Task<int> FaultCountAsync(HttpClient manager) =>
        (await manager.GetFromJsonAsync<JsonElement>("/api/v1/faults")).GetProperty("total").GetInt32();

    [Fact]
    public async Task A_fault_without_its_required_fields_names_every_missing_field_and_stores_nothing()
    {
        var (operatorClient, manager, _) = await ArrangeAsync();
        var before = await FaultCountAsync(manager);

        var response = await operatorClient.PostAsJsonAsync("/api/v1/faults", new { });

        foreach (var field in new[] { "suiteId", "title", "symptoms", "workflowStage", "category", "severity" })
        {
            await Problems.AssertFieldErrorAsync(response, field);
        }

        Assert.Equal(before, await FaultCountAsync(manager));
    }

    [Fact]
    public async Task An_over_long_title_or_symptoms_is_refused_by_name()
    {
        var (operatorClient, _, suiteId) = await ArrangeAsync();
        var body = new
        {
            suiteId, title = new string('x', 201), symptoms = new string('y', 4_001),
            workflowStage = "Grade", category = "Storage", severity = "P2",
        };

        var response = await operatorClient.PostAsJsonAsync("/api/v1/faults", body);

        await Problems.AssertFieldErrorAsync(response, "title");
        await Problems.AssertFieldErrorAsync(response, "symptoms");
    }

    [Theory]
    [InlineData("severity", "P9")]
    [InlineData("workflowStage", "Lunch")]
    [InlineData("category", "Gremlins")]
    [InlineData("severity", "1")]
    public async Task An_enumeration_value_that_does_not_exist_is_refused_by_name(string field, string value)
    {
        var (operatorClient, _, suiteId) = await ArrangeAsync();
        var body = new Dictionary<string, object>
        {
            ["suiteId"] = suiteId, ["title"] = "No picture", ["symptoms"] = "Black on SDI out",
            ["workflowStage"] = "Grade", ["category"] = "Signal", ["severity"] = "P2",
        };
        body[field] = value;

        var response = await operatorClient.PostAsJsonAsync("/api/v1/faults", body);

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task Enumerations_are_read_whatever_their_case()
    {
        var (operatorClient, _, suiteId) = await ArrangeAsync();
        var body = new
        {
            suiteId, title = "No picture", symptoms = "Black on SDI out", workflowStage = "grade", category = "SIGNAL",
            severity = "p2",
        };

        var response = await operatorClient.PostAsJsonAsync("/api/v1/faults", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("P2", (await response.JsonAsync()).GetProperty("severity").GetString());
    }

    [Fact]
    public async Task An_unknown_suite_or_equipment_is_refused_by_name()
    {
        var (operatorClient, _, suiteId) = await ArrangeAsync();

        var unknownSuite = await operatorClient.PostAsJsonAsync("/api/v1/faults",
            new FaultBuilder(Guid.NewGuid()).Body);
        await Problems.AssertFieldErrorAsync(unknownSuite, "suiteId");

        var unknownEquipment = await operatorClient.PostAsJsonAsync("/api/v1/faults", new
        {
            suiteId, equipmentId = Guid.NewGuid(), title = "Deck will not thread", symptoms = "HDCAM SR deck error 12-10",
            workflowStage = "Ingest", category = "Hardware", severity = "P3",
        });
        await Problems.AssertFieldErrorAsync(unknownEquipment, "equipmentId");
    }

    [Fact]
    public async Task A_production_the_operator_may_not_see_reads_exactly_like_one_that_does_not_exist()
    {
        var (operatorClient, manager, suiteId) = await ArrangeAsync();
        var confidential = await new ProductionBuilder().Classified(Classification.Confidential).SendAsync(manager);
        var before = await FaultCountAsync(manager);

        var hidden = await operatorClient.PostAsJsonAsync("/api/v1/faults", new FaultBuilder(suiteId).For(confidential).Body);
        var absent = await operatorClient.PostAsJsonAsync("/api/v1/faults", new FaultBuilder(suiteId).For(Guid.NewGuid()).Body);

        Assert.Equal(await Problems.AssertFieldErrorAsync(absent, "productionId"),
            await Problems.AssertFieldErrorAsync(hidden, "productionId"));
        Assert.Equal(before, await FaultCountAsync(manager));
    }

    [Fact]
    public async Task Malformed_json_is_a_400_naming_the_body()
    {
        var (operatorClient, _, _) = await ArrangeAsync();

        var response = await operatorClient.PostAsync("/api/v1/faults",
            new StringContent("{\"title\": \"No picture\",", Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, "body");
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_a_400_naming_the_field()
    {
        var (operatorClient, _, _) = await ArrangeAsync();

        var response = await operatorClient.PostAsync("/api/v1/faults",
            new StringContent("{\"suiteId\": \"grade-one\"}", Encoding.UTF8, "application/json"));

        await Problems.AssertFieldErrorAsync(response, "suiteId");
    }

    [Fact]
    public async Task A_wrong_content_type_is_a_400_problem()
    {
        var (operatorClient, _, _) = await ArrangeAsync();

        var response = await operatorClient.PostAsync("/api/v1/faults",
            new StringContent("title=No picture", Encoding.UTF8, "application/x-www-form-urlencoded"));

        await Problems.AssertFieldErrorAsync(response, "Content-Type");
    }

    [Theory]
    [InlineData("status=Sleeping", "status")]
    [InlineData("severity=P0", "severity")]
    [InlineData("category=Weather", "category")]
    [InlineData("page=0", "page")]
    [InlineData("page=two", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("suiteId=grade", "suiteId")]
    [InlineData("sort=alphabetical", "sort")]
    public async Task A_bad_list_filter_is_a_400_naming_it(string query, string field)
    {
        var (operatorClient, _, _) = await ArrangeAsync();

        var response = await operatorClient.GetAsync($"/api/v1/faults?{query}");

        await Problems.AssertFieldErrorAsync(response, field);
    }

    [Fact]
    public async Task A_fault_id_that_does_not_exist_is_404_on_every_route()
    {
        var (_, manager, _) = await ArrangeAsync();
        var id = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/faults/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/v1/faults/{id}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await manager.PostAsJsonAsync($"/api/v1/faults/{id}/acknowledge", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await manager.PostAsJsonAsync($"/api/v1/faults/{id}/comments", new { text = "hello" })).StatusCode);
    }

    [Fact]
    public async Task An_empty_comment_is_refused_by_name_and_the_fault_is_unchanged()
    {
        var (operatorClient, manager, suiteId) = await ArrangeAsync();
        var id = (await new FaultBuilder(suiteId).SendAsync(operatorClient)).GetProperty("id").GetGuid();

        var response = await operatorClient.PostAsJsonAsync($"/api/v1/faults/{id}/comments", new { text = "  " });

        await Problems.AssertFieldErrorAsync(response, "text");
        var timeline = await manager.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{id}/timeline");
        Assert.Equal(1, timeline.GetProperty("total").GetInt32());
    }
}
