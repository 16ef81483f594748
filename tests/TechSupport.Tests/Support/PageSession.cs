using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using TechSupport.Domain;

namespace TechSupport.Tests.Support;

// The Razor Pages as a browser without JavaScript uses them: signed in through the sign-in form with a cookie,
// forms posted with every field they hold (the antiforgery token included). Redirects are followed by hand, so a
// test may also stop at one and see where a page sends the user.
public sealed class PageSession(HttpClient client)
{
    private const int MostRedirects = 10;

    // Signs in as a person would: the password, then (for a role that needs one) setting up an authenticator on
    // the first sign-in or a code from it on later ones, through app.SecondFactors.
    public static async Task<PageSession> SignInAsync(TechSupportApp app, string email, string password = TechSupportApp.Password)
    {
        var session = new PageSession(CreateClient(app));
        var signedIn = await session.PasswordAsync(email, password);
        switch (signedIn.Url.AbsolutePath)
        {
            case EnrolPath:
                await session.EnrolAsync(app, email, signedIn);
                return session;
            case CodePath:
                signedIn = await session.SecondFactorAsync(signedIn, await app.SecondFactors.NextAsync(email, password));
                break;
        }

        Assert.False(signedIn.Url.AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal), $"{email} could not sign in.");
        return session;
    }

    public static async Task<PageSession> SignInWithRecoveryCodeAsync(TechSupportApp app, string email, string password, string recoveryCode)
    {
        var session = new PageSession(CreateClient(app));
        var asked = await session.PasswordAsync(email, password);
        Assert.Equal(CodePath, asked.Url.AbsolutePath);
        var signedIn = await session.SecondFactorAsync(asked, new SecondFactor(null, recoveryCode));
        Assert.False(signedIn.Url.AbsolutePath.StartsWith("/account/login", StringComparison.Ordinal), $"{email} could not sign in.");
        return session;
    }

    public const string EnrolPath = "/account/login/enrol";
    public const string CodePath = "/account/login/code";

    // The sign-in form with email and password, and where it leads.
    public async Task<HtmlPage> PasswordAsync(string email, string password)
    {
        var form = (await GetAsync("/account/login")).Form();
        form["Email"] = email;
        form["Password"] = password;
        return await SubmitAsync(form);
    }

    public async Task<HtmlPage> SecondFactorAsync(HtmlPage codePage, SecondFactor factor)
    {
        var form = codePage.Form();
        form["Code"] = factor.Code ?? "";
        form["RecoveryCode"] = factor.RecoveryCode ?? "";
        return await SubmitAsync(form);
    }

    // The set-up page as its user would go through it: the key into the app, the app's code back, the recovery
    // codes noted down.
    public async Task<IReadOnlyList<string>> EnrolAsync(TechSupportApp app, string email, HtmlPage setUp)
    {
        var key = setUp.Text("[data-key]");
        var step = AuthenticatorApp.Step(app.Clock.GetUtcNow());
        var form = setUp.Form();
        form["Code"] = new AuthenticatorApp(key).CodeOfStep(step);
        var done = await SubmitAsync(form);
        var codes = done.RecoveryCodes();
        Assert.True(codes.Count == 10, $"{email} could not set up an authenticator: {done.Text()}");
        app.SecondFactors.Enrolled(email, key, codes, step);
        return codes;
    }

    // Ten new recovery codes from the account security page.
    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync()
    {
        var page = await PostAsync("/account/security?handler=RecoveryCodes", []);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return page.RecoveryCodes();
    }

    // Where the page ends up once every redirect is followed.
    public async Task<HtmlPage> GetAsync(string path) => await FollowRedirectsAsync(await RequestAsync(path));

    // One request and its answer as it is, a redirect not followed.
    public async Task<HtmlPage> RequestAsync(string path)
    {
        using var response = await client.GetAsync(path);
        return await HtmlPage.ReadAsync(response);
    }

    // The page itself, which must answer 200 without sending the user elsewhere.
    public async Task<HtmlPage> OpenAsync(string path)
    {
        var page = await RequestAsync(path);
        Assert.True(page.Status == HttpStatusCode.OK, $"GET {path} answered {(int)page.Status}");
        return page;
    }

    public async Task<HtmlPage> SubmitAsync(FormFields form)
    {
        using var content = new FormUrlEncodedContent(form.All);
        using var response = await client.PostAsync(form.Action, content);
        return await FollowRedirectsAsync(await HtmlPage.ReadAsync(response));
    }

    // A post as a forged form would make it: the fields alone, no antiforgery token. The answer is not followed.
    public async Task<HtmlPage> PostWithoutTokenAsync(string path, Dictionary<string, string> fields)
    {
        using var content = new FormUrlEncodedContent(fields);
        using var response = await client.PostAsync(path, content);
        return await HtmlPage.ReadAsync(response);
    }

    // Posts the given fields to a page's handler (the path may carry ?handler=) with the antiforgery token the page
    // hands out, as a form on it would; fields that are null are left out. The answer is not followed.
    public async Task<HtmlPage> PostAsync(string path, Dictionary<string, string?> fields)
    {
        var page = await OpenAsync(path.Split('?')[0]);
        var token = page.Value("__RequestVerificationToken")
            ?? throw new Xunit.Sdk.XunitException($"{path} has no form with an antiforgery token.");
        var posted = fields.Where(f => f.Value is not null && f.Key != "__RequestVerificationToken")
            .Select(f => KeyValuePair.Create(f.Key, f.Value!))
            .Append(KeyValuePair.Create("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(posted);
        using var response = await client.PostAsync(path, content);
        return await HtmlPage.ReadAsync(response);
    }

    // Posts files as a form with enctype multipart/form-data would, each under the field name given, with the
    // antiforgery token of the page's form. The answer is not followed.
    public async Task<HtmlPage> PostFilesAsync(string path, string field, params (string Name, byte[] Bytes)[] files)
    {
        var page = await OpenAsync(path.Split('?')[0]);
        var token = page.Value("__RequestVerificationToken")
            ?? throw new Xunit.Sdk.XunitException($"{path} has no form with an antiforgery token.");
        using var content = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        foreach (var (name, bytes) in files)
        {
            var part = new ByteArrayContent(bytes);
            part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(part, field, name);
        }

        using var response = await client.PostAsync(path, content);
        return await HtmlPage.ReadAsync(response);
    }

    // The bytes of a download as it is answered, redirects not followed.
    public Task<HttpResponseMessage> DownloadAsync(string path) => client.GetAsync(path);

    // A post that worked: post/redirect/get, and the page it lands on with its confirmation.
    public async Task<HtmlPage> FollowAsync(HtmlPage posted)
    {
        if (posted.Status != HttpStatusCode.Redirect)
        {
            var text = posted.Text();
            Assert.Fail($"Expected a redirect, got {(int)posted.Status}: {text[..Math.Min(2_000, text.Length)]}");
        }

        return await OpenAsync(posted.Location!.OriginalString); // a redirect always has a Location
    }

    private async Task<HtmlPage> FollowRedirectsAsync(HtmlPage page)
    {
        for (var hops = 0; page.Location is { } location && (int)page.Status is >= 300 and < 400; hops++)
        {
            Assert.True(hops < MostRedirects, $"More than {MostRedirects} redirects from {page.Url}.");
            page = await RequestAsync(new Uri(page.Url, location).PathAndQuery);
        }

        return page;
    }

    internal static HttpClient CreateClient(TechSupportApp app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = app.ClientOptions.BaseAddress, // real Kestrel's address once a test has started it
        });
}

// One answer: its status, where it was asked for and where it redirects, its source as sent and the HTML parsed.
public sealed record HtmlPage(HttpStatusCode Status, Uri Url, Uri? Location, string? MediaType, string? FileName, string Source,
    IHtmlDocument Document)
{
    private static readonly HtmlParser Parser = new();

    public static async Task<HtmlPage> ReadAsync(HttpResponseMessage response)
    {
        var source = await response.Content.ReadAsStringAsync();
        var headers = response.Content.Headers;
        return new HtmlPage(response.StatusCode, response.RequestMessage!.RequestUri!, response.Headers.Location,
            headers.ContentType?.MediaType, headers.ContentDisposition?.FileName?.Trim('"'), source, await Parser.ParseDocumentAsync(source));
    }

    public IElement? Find(string selector) => Document.QuerySelector(selector);

    public IElement Get(string selector) =>
        Document.QuerySelector(selector) ?? throw new Xunit.Sdk.XunitException($"No {selector} on {Url}:\n{Document.Body?.TextContent}");

    // What a reader sees of the element, or of the whole page.
    public string Text(string selector = "body") => Normalise(Get(selector).TextContent);

    // The first form field (input, select or textarea) with this name.
    public IElement Field(string name) => Get($"input[name='{name}'], select[name='{name}'], textarea[name='{name}']");

    // The value an input (hidden or not) carries, or null when the page has no such input.
    public string? Value(string name) => (Find($"input[name='{name}']") as IHtmlInputElement)?.Value;

    // Recovery codes as the page shows them, once.
    public IReadOnlyList<string> RecoveryCodes() =>
        Document.QuerySelectorAll("[data-recovery-code]").Select(e => e.TextContent.Trim()).ToList();

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

    // The pages as the user of an API client sees them, signed in by that client's bearer token.
    public static PageSession PagesFor(this TechSupportApp app, HttpClient signedIn)
    {
        var pages = PageSession.CreateClient(app);
        pages.DefaultRequestHeaders.Authorization = signedIn.DefaultRequestHeaders.Authorization;
        return new PageSession(pages);
    }
}
