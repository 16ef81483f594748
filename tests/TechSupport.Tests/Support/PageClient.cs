using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TechSupport.Tests.Support;

// The pages as a browser without JavaScript uses them: signed in with the cookie, each form posted with the
// antiforgery token its page handed out, redirects left for the test to follow.
public sealed partial class PageClient
{
    private readonly HttpClient _http;

    private PageClient(HttpClient http) => _http = http;

    public static async Task<PageClient> SignInAsync(TechSupportApp app, string email)
    {
        var client = new PageClient(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }));
        var response = await client.PostAsync("/account/login", new() { ["Email"] = email, ["Password"] = TechSupportApp.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<string> GetAsync(string path)
    {
        var response = await _http.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync();
    }

    // Posts to a page's handler (path may carry ?handler=) with the token from the page itself.
    public async Task<HttpResponseMessage> PostAsync(string path, Dictionary<string, string?> fields)
    {
        var page = await GetAsync(path.Split('?')[0]);
        fields["__RequestVerificationToken"] = InputValue(page, "__RequestVerificationToken")
            ?? throw new InvalidOperationException($"{path} has no form with an antiforgery token.");
        using var form = new FormUrlEncodedContent(fields.Where(f => f.Value is not null).Select(f => KeyValuePair.Create(f.Key, f.Value!)));
        return await _http.PostAsync(path, form);
    }

    // A post that worked: post/redirect/get, and the page it lands on with its confirmation.
    public async Task<string> FollowAsync(HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var text = Text(await response.Content.ReadAsStringAsync());
            Assert.Fail($"Expected a redirect, got {(int)response.StatusCode}: {text[..Math.Min(2_000, text.Length)]}");
        }

        return await GetAsync(response.Headers.Location!.OriginalString); // a redirect always has a Location
    }

    // What a reader sees: no tags, entities decoded, whitespace as single spaces.
    public static string Text(string html) =>
        Whitespace().Replace(WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(html, " "), " ")), " ").Trim();

    // The value an input (hidden or not) carries, or null when the page has no such input.
    public static string? InputValue(string html, string name)
    {
        var input = Inputs().Matches(html).Select(m => m.Value)
            .FirstOrDefault(tag => tag.Contains($"name=\"{name}\"", StringComparison.Ordinal));
        return input is null ? null
            : ValueAttribute().Match(input) is { Success: true } v ? WebUtility.HtmlDecode(v.Groups["value"].Value) : "";
    }

    // The opening tag of the form field with this name (input, select or textarea).
    public static string FieldTag(string html, string name) =>
        Fields().Matches(html).Select(m => m.Value).FirstOrDefault(tag => tag.Contains($"name=\"{name}\"", StringComparison.Ordinal))
        ?? throw new InvalidOperationException($"The page has no field named {name}.");

    // The first element that carries this attribute text, with what it holds, up to its closing tag
    // (for elements not nested in one of their own kind: an article, a select, a section).
    public static string Element(string html, string tag, string attribute)
    {
        var start = html.IndexOf(attribute, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No element with {attribute} on the page.");
        start = html.LastIndexOf($"<{tag}", start, StringComparison.Ordinal);
        var end = html.IndexOf($"</{tag}>", start, StringComparison.Ordinal);
        return html[start..(end + tag.Length + 3)];
    }

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex Inputs();

    [GeneratedRegex("<(input|select|textarea)\\b[^>]*>")]
    private static partial Regex Fields();

    [GeneratedRegex("\\bvalue=\"(?<value>[^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("<script\\b[^>]*>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex Scripts();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
