using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// A fault has one knowledge article: promoting it again answers the article it has.
public sealed class PromotionTests(TechSupportApp app) : IClassFixture<TechSupportApp>
{
    [Fact]
    public async Task Promoting_a_fault_twice_answers_its_one_article_and_never_writes_a_second()
    {
        var (engineer, id) = await ResolvedFaultAsync();

        var first = await engineer.PostAsync($"/api/v1/faults/{id}/promote", null);
        var second = await engineer.PostAsync($"/api/v1/faults/{id}/promote", null);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var articleId = (await first.JsonAsync()).GetProperty("id").GetGuid();
        Assert.Equal(articleId, (await second.JsonAsync()).GetProperty("id").GetGuid());
        Assert.Equal($"/api/v1/articles/{articleId}", first.Headers.Location?.OriginalString);
        Assert.Equal($"/api/v1/articles/{articleId}", second.Headers.Location?.OriginalString);
        Assert.Equal([articleId], await ArticlesFromAsync(engineer, id));
        var timeline = await engineer.GetFromJsonAsync<JsonElement>($"/api/v1/faults/{id}/timeline");
        Assert.Single(timeline.GetProperty("items").EnumerateArray(), e => e.GetProperty("kind").GetString() == "Promoted");
    }

    [Fact]
    public async Task The_promote_button_on_a_fault_that_has_an_article_opens_that_article_and_says_it_already_existed()
    {
        var (engineer, id) = await ResolvedFaultAsync();
        var pages = app.PagesFor(engineer);

        var first = await pages.PostAsync($"/faults/{id}?handler=Promote", new());
        var articlePath = first.Location?.OriginalString;
        var firstNotice = (await pages.RequestAsync(articlePath!)).Source;
        var second = await pages.PostAsync($"/faults/{id}?handler=Promote", new());
        var secondNotice = (await pages.RequestAsync(second.Location?.OriginalString!)).Source;

        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        Assert.StartsWith("/articles/", articlePath, StringComparison.Ordinal);
        Assert.Contains("Knowledge article written from", firstNotice, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, second.Status);
        Assert.Equal(articlePath, second.Location?.OriginalString);
        Assert.Contains("already has a knowledge article, so no second one was written", secondNotice, StringComparison.Ordinal);
        Assert.Equal([Guid.Parse(articlePath!["/articles/".Length..])], await ArticlesFromAsync(engineer, id));
    }

    private async Task<(HttpClient Engineer, Guid FaultId)> ResolvedFaultAsync()
    {
        var engineer = (await app.UserAsync(Role.Engineer)).Client;
        var suiteId = await new SuiteBuilder().SendAsync((await app.UserAsync(Role.Manager)).Client);
        var id = (await new FaultBuilder(suiteId).SendAsync(engineer)).GetProperty("id").GetGuid();
        (await engineer.PostAsJsonAsync($"/api/v1/faults/{id}/resolve", new { fix = "Reseated the SDI cable" })).EnsureSuccessStatusCode();
        return (engineer, id);
    }

    private static async Task<Guid[]> ArticlesFromAsync(HttpClient client, Guid faultId)
    {
        var articles = await client.GetFromJsonAsync<JsonElement>("/api/v1/articles?pageSize=100");
        return articles.GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("sourceFault").ValueKind == JsonValueKind.Object
                && a.GetProperty("sourceFault").GetProperty("id").GetGuid() == faultId)
            .Select(a => a.GetProperty("id").GetGuid()).ToArray();
    }
}
