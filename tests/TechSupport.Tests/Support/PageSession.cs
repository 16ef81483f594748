using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using TechSupport.Domain;

namespace TechSupport.Tests.Support;

// The Razor Pages as a browser without JavaScript uses them: signed in through the sign-in form with a cookie,
// forms posted with every field they hold (the antiforgery token included), redirects followed.
public sealed class PageSession(HttpClient client)
{
    public static async Task<PageSession> SignInAsync(TechSupportApp app, string email, string password = TechSupportApp.Password)
    {
        var session = new PageSession(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true, HandleCookies = true }));
        var login = await session.GetAsync("/account/login");
        var form = login.Form();
        form["Email"] = email;
        form["Password"] = password;
        var signedIn = await session.SubmitAsync(form);
        Assert.False(signedIn.Url.AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal), $"{email} could not sign in.");
        return session;
    }

    public async Task<HtmlPage> GetAsync(string path)
    {
        using var response = await client.GetAsync(path);
        return await HtmlPage.ReadAsync(response);
    }

    public async Task<HtmlPage> SubmitAsync(FormFields form)
    {
        using var content = new FormUrlEncodedContent(form.All);
        using var response = await client.PostAsync(form.Action, content);
        return await HtmlPage.ReadAsync(response);
    }
}

public sealed record HtmlPage(HttpStatusCode Status, Uri Url, IHtmlDocument Document)
{
    private static readonly HtmlParser Parser = new();

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        // RequestMessage is the last request after redirects.
        return new HtmlPage(response.StatusCode, response.RequestMessage!.RequestUri!, await Parser.ParseDocumentAsync(html));
    }

    public IElement? Find(string selector) => Document.QuerySelector(selector);

    public IElement Get(string selector) =>
        Document.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"No {selector} on {Url}:\n{Document.Body?.TextContent}");

    public string Text(string selector) => Normalise(Get(selector).TextContent);

    // The status line the layout shows after a post/redirect/get.
    public string? Notice => Find("[role=status]") is { } notice ? Normalise(notice.TextContent) : null;

    public static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    // The fields of a post form as a browser would submit them: unticked boxes left out, each select's chosen option.
    public FormFields Form(string selector = "main form[method=post]")
    {
        var form = Get(selector) as IHtmlFormElement ?? throw new Xunit.Sdk.XunitException($"{selector} is not a form.");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name)
                    && input.Type is not ("submit" or "button" or "reset")
                    && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
                    fields.Add(new(input.Name, input.Type is "checkbox" or "radio" && !input.HasAttribute("value") ? "on" : input.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    var chosen = select.Options.Where(o => o.IsSelected).ToList();
                    fields.AddRange((chosen.Count > 0 ? chosen : select.Options.Take(1)).Select(o => new KeyValuePair<string, string>(select.Name, o.Value)));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
            }
        }

        var action = form.GetAttribute("action") is { Length: > 0 } a ? new Uri(Url, a) : Url;
        return new FormFields(action.PathAndQuery, fields);
    }
}

public sealed class FormFields(string action, List<KeyValuePair<string, string>> fields)
{
    public string Action { get; } = action;

    public IReadOnlyList<KeyValuePair<string, string>> All => fields;

    // Setting a field replaces every value under its name (a checkbox's hidden "false" too).
    public string? this[string name]
    {
        get => fields.Where(f => Same(f.Key, name)).Select(f => f.Value).FirstOrDefault();
        set
        {
            if (!fields.Any(f => Same(f.Key, name)))
            {
                throw new Xunit.Sdk.XunitException($"The form has no field {name}; it has {string.Join(", ", fields.Select(f => f.Key).Distinct())}.");
            }

            fields.RemoveAll(f => Same(f.Key, name));
            if (value is not null)
            {
                fields.Add(new(name, value));
            }
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}

public static class PageSessions
{
    // A new user of the role, made by an administrator through the API, signed in to the pages.
    public static async Task<PageSession> PagesAsync(this TechSupportApp app, Role role)
    {
        var admin = await app.AdminAsync();
        var email = $"pages-{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        var created = await admin.PostAsJsonAsync("/api/v1/admin/users",
            new { email, password = TechSupportApp.Password, displayName = $"{role} on the pages", role = role.ToString() }, TechSupportApp.Json);
        created.EnsureSuccessStatusCode();
        return await PageSession.SignInAsync(app, email);
    }
}
