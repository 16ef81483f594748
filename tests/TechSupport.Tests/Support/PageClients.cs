using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace TechSupport.Tests.Support;

// The Razor pages as a browser uses them, signed in with the same user as an API client.
public static partial class PageClients
{
    // Stops at redirects, so a test sees where a page sends the user.
    public static HttpClient PagesFor(this TechSupportApp app, HttpClient signedIn)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return client;
    }

    // Posts one of a page's forms with the antiforgery token the page rendered, as a browser would.
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient pages, string page, string handler,
        IDictionary<string, string> fields)
    {
        var shown = await pages.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        var token = Token().Match(await shown.Content.ReadAsStringAsync());
        Assert.True(token.Success, $"{page} renders no form with an antiforgery token.");
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        return await pages.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
