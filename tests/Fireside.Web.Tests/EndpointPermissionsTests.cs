using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Fireside.Web.Tests;

/// <summary>
/// Finds every endpoint the app maps and asks it, as someone signed out, a plain member, a facilitator of the
/// review and an admin, whether it answers as the table in docs/permissions.md says. A new endpoint without a
/// row in that table fails here, so nobody adds a door without deciding who may open it.
/// </summary>
public sealed partial class EndpointPermissionsTests : IAsyncLifetime
{
    private const string MemberEmail = "mo@example.com";
    private const string FacilitatorEmail = "fay@example.com";

    private readonly FiresideApp _app = new();
    private HttpClient _admin = default!;
    private HttpClient _adminApi = default!;
    private readonly Dictionary<Person, (HttpClient Browser, string? Token)> _people = [];

    private enum Person { Anonymous, Member, Facilitator, Admin }

    public async Task InitializeAsync()
    {
        _admin = await _app.SetUpAdminAsync();
        _adminApi = await _app.ApiClientAsync(_admin);
        var member = await _app.AddPersonAsync(_adminApi, MemberEmail);
        var facilitator = await _app.AddPersonAsync(_adminApi, FacilitatorEmail);
        _people[Person.Anonymous] = (_app.NewBrowser(), null);
        _people[Person.Member] = (member, await TokenOfAsync(member));
        _people[Person.Facilitator] = (facilitator, await TokenOfAsync(facilitator));
        _people[Person.Admin] = (_admin, await TokenOfAsync(_admin));
        await _app.AddPersonAsync(_adminApi, "target@example.com");
        var everyone = await _adminApi.GetFromJsonAsync<JsonElement>("/api/users", FiresideApp.Json);
        _targetUser = everyone.EnumerateArray().Single(u => u.GetProperty("email").GetString() == "target@example.com").GetProperty("id").GetString()!;
        // One theme for every endpoint (the list is kept short, so not one per fixture); once removed, admins get 404.
        _theme = await PostAsync("/api/themes", new { name = "Endpoint checks" });
        _saved = await PostAsync("/api/saved-searches", new { q = "checkout" });
    }

    private string _theme = "";
    private string _saved = "";

    /// <summary>Someone the admin may switch off and on while the test runs, so nobody the test plays is locked out.</summary>
    private string _targetUser = "";

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryEndpoint_HasARowInThePermissionsTable()
    {
        var table = PermissionsTable.Read();
        var missing = Endpoints().Where(e => !table.ContainsKey(e.Key)).Select(e => $"| {e.Method} | `{e.Pattern}` | ? |").ToList();
        var stale = table.Keys.Where(k => Endpoints().All(e => e.Key != k)).ToList();

        Assert.True(missing.Count == 0, "Endpoints without a row in docs/permissions.md (say who may use them):\n" + string.Join("\n", missing));
        Assert.True(stale.Count == 0, "Rows in docs/permissions.md for endpoints that no longer exist:\n" + string.Join("\n", stale));
    }

    [Fact]
    public async Task EveryEndpoint_AnswersEachPerson_AsThePermissionsTableSays()
    {
        var table = PermissionsTable.Read();
        var wrong = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => table.ContainsKey(e.Key)))
        {
            var rule = table[endpoint.Key];
            var fixture = await NewFixtureAsync();
            foreach (var person in Enum.GetValues<Person>())
            {
                var expected = Expect(rule, person);
                var response = await SendAsync(endpoint, fixture, person);
                if (endpoint.Pattern == "/account/signout" && person != Person.Anonymous)
                {
                    // Signing out is the point of that endpoint; sign back in for the rest.
                    _people[person] = (await _app.SignInAsync(person switch { Person.Member => MemberEmail, Person.Facilitator => FacilitatorEmail, _ => FiresideApp.AdminEmail }, FiresideApp.Password), _people[person].Token);
                }

                var seen = Classify(response);
                if (endpoint.Pattern == "/account/signout" && person != Person.Anonymous && seen == Outcome.SignIn)
                {
                    seen = Outcome.Allowed;
                }

                if (seen != expected && !(expected == Outcome.Allowed && seen == Outcome.Allowed))
                {
                    var detail = await FiresideApp.Describe(response);
                    wrong.Add($"{endpoint.Key} as {person}: expected {expected}, got {seen} ({detail[..Math.Min(detail.Length, 300)]})");
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} answers differ from docs/permissions.md:\n" + string.Join("\n", wrong));
    }

    /// <summary>
    /// The same fixture, restricted: a member who is not in it is refused at every route of that review, pages and
    /// API alike (asking for access is the one thing left to them), and nothing answers with a server error.
    /// </summary>
    [Fact]
    public async Task EveryReviewRoute_IsClosedToAnOutsider_OfARestrictedReview()
    {
        var wrong = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => e.Pattern.StartsWith("/api/reviews/{id:guid}", StringComparison.OrdinalIgnoreCase) || e.Pattern.StartsWith("/reviews/{id:guid}", StringComparison.OrdinalIgnoreCase)))
        {
            var fixture = await NewFixtureAsync();
            var review = await _adminApi.GetFromJsonAsync<JsonElement>($"/api/reviews/{fixture["id"]}", FiresideApp.Json);
            var restricted = await _adminApi.PutAsJsonAsync($"/api/reviews/{fixture["id"]}", new { title = "Checkout slowed down", visibility = "restricted", version = review.GetProperty("version").GetInt32() }, FiresideApp.Json);
            Assert.True(restricted.IsSuccessStatusCode, await FiresideApp.Describe(restricted));
            var asking = endpoint.Pattern.EndsWith("/access-requests", StringComparison.Ordinal) && endpoint.Method == "POST";
            var seen = Classify(await SendAsync(endpoint, fixture, Person.Member));
            var expected = asking ? Outcome.Allowed : Outcome.Refused;
            if (seen != expected)
            {
                wrong.Add($"{endpoint.Key} as an outsider: expected {expected}, got {seen}");
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} routes of a restricted review answer an outsider wrongly:\n" + string.Join("\n", wrong));
    }

    private enum Outcome { Allowed, SignIn, Refused, Broken }

    private static Outcome Expect(string rule, Person person) => (rule, person) switch
    {
        ("anyone", _) => Outcome.Allowed,
        ("setup", _) => Outcome.SignIn,
        (_, Person.Anonymous) => Outcome.SignIn,
        ("member", _) => Outcome.Allowed,
        ("facilitator" or "author", Person.Member) => Outcome.Refused,
        ("facilitator" or "author", _) => Outcome.Allowed,
        ("admin", Person.Admin) => Outcome.Allowed,
        ("admin", _) => Outcome.Refused,
        _ => throw new InvalidOperationException($"docs/permissions.md: \"{rule}\" is not a level the test knows (anyone, member, author, facilitator, admin)."),
    };

    private static Outcome Classify(HttpResponseMessage response)
    {
        var location = response.Headers.Location?.OriginalString ?? "";
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => Outcome.SignIn,
            HttpStatusCode.Forbidden => Outcome.Refused,
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/account/signin", StringComparison.Ordinal) => Outcome.SignIn,
            HttpStatusCode.Redirect or HttpStatusCode.Found when location.Contains("/account/denied", StringComparison.Ordinal) => Outcome.Refused,
            >= HttpStatusCode.InternalServerError => Outcome.Broken,
            _ => Outcome.Allowed,
        };
    }

    private sealed record Endpoint(string Method, string Pattern)
    {
        public string Key => $"{Method} {Pattern}";
    }

    /// <summary>Every route the app answers, as method and pattern; the static files are left out (they are anyone's).</summary>
    private IReadOnlyList<Endpoint> Endpoints() =>
        [.. _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => new Endpoint(m, "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))))
            .Distinct()
            .OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal)];

    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor");

    /// <summary>A review the facilitator facilitates, with a moment, an account by the admin, an image, a private note, a pin and a takeaway.</summary>
    private async Task<Dictionary<string, string>> NewFixtureAsync()
    {
        var review = await _app.CreateReviewAsync(_adminApi, new { title = "Checkout slowed down" });
        var id = review.Id.ToString();
        var entry = await PostAsync($"/api/reviews/{id}/timeline", new { occurredAt = "2026-11-20T10:00:00Z", actor = "Priya", text = "Deployed" });
        var account = await PostAsync($"/api/reviews/{id}/timeline/{entry}/accounts", new { author = "Priya", saw = "Latency rising" });
        var image = await PostAsync($"/api/reviews/{id}/timeline/{entry}/attachments", new { url = "https://grafana.example.com/d/1.png", caption = "Latency" });
        await PostAsync($"/api/reviews/{id}/participants", new { name = "Fay", email = FacilitatorEmail, role = "facilitator" });
        var actor = await PostAsync($"/api/reviews/{id}/participants", new { name = "Priya", role = "actor" });
        var note = await PostAsync($"/api/reviews/{id}/private-notes", new { kind = "mayFeelExposed", text = "Priya was on call alone" });
        await PostAsync($"/api/reviews/{id}/room/parking-lot", new { text = "Canary sampling" }, expectId: false);
        var room = await _adminApi.GetFromJsonAsync<JsonElement>($"/api/reviews/{id}/room", FiresideApp.Json);
        var pin = room.GetProperty("parkingLot")[0].GetProperty("id").GetString()!;
        var takeaway = await PostAsync($"/api/reviews/{id}/takeaways", new { surprisedBy = "The cache was cold" });
        var factor = await PostAsync($"/api/reviews/{id}/factors", new { text = "The cache had no warm-up" });
        var questions = await _adminApi.GetFromJsonAsync<JsonElement>("/api/questions", FiresideApp.Json);
        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = id,
            ["entryId"] = entry,
            ["accountId"] = account,
            ["attachmentId"] = image,
            ["participantId"] = actor,
            // No name is remembered yet: an admin is answered "not found", everyone else is refused first.
            ["aliasId"] = Guid.NewGuid().ToString(),
            ["noteId"] = note,
            ["pinId"] = pin,
            ["itemId"] = takeaway,
            ["factorId"] = factor,
            ["themeId"] = _theme,
            ["savedId"] = _saved,
            ["key"] = "days-to-publish",
            ["token"] = "not-a-link-of-ours",
            ["questionId"] = questions[0].GetProperty("id").GetString()!,
            ["what"] = "takeaways",
            ["action"] = "pause",
            ["kind"] = "csv",
            ["choice"] = "included",
            ["documentName"] = "v1",
            ["userId"] = _targetUser,
            ["requestId"] = Guid.NewGuid().ToString(),
            ["changeId"] = "1",
        };
    }

    private async Task<string> PostAsync(string path, object body, bool expectId = true)
    {
        var response = await _adminApi.PostAsJsonAsync(path, body, FiresideApp.Json);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {await FiresideApp.Describe(response)}");
        return expectId ? (await response.Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json)).GetProperty("id").GetString()! : "";
    }

    private async Task<HttpResponseMessage> SendAsync(Endpoint endpoint, Dictionary<string, string> fixture, Person person)
    {
        var path = RouteParameter().Replace(endpoint.Pattern, m =>
        {
            var name = m.Groups[1].Value;
            if (name == "itemId" && endpoint.Pattern.Contains("parking-lot", StringComparison.Ordinal))
            {
                name = "pinId";
            }

            if (name == "path")
            {
                return "no-such-file.txt";
            }

            if (name == "id" && endpoint.Pattern.StartsWith("/account/tokens", StringComparison.Ordinal))
            {
                return Guid.NewGuid().ToString();
            }

            return fixture.TryGetValue(name, out var value) ? value : throw new InvalidOperationException($"The test has no value for {{{name}}} in {endpoint.Pattern}; add one to the fixture.");
        });
        var (browser, _) = _people[person];
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method == "*" ? "GET" : endpoint.Method), path);
        if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
        {
            if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                request.Content = new StringContent(path.EndsWith("/agenda", StringComparison.Ordinal) ? "[]" : "{}", Encoding.UTF8, "application/json");
                request.Headers.Add("Origin", "http://localhost");
            }
            else
            {
                var token = person == Person.Anonymous ? "" : await AntiforgeryTokenAsync(browser);
                request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
            }
        }

        return await browser.SendAsync(request);
    }

    private static async Task<string> AntiforgeryTokenAsync(HttpClient browser) =>
        FiresideApp.AntiforgeryToken(await browser.GetStringAsync("/reviews/new"));

    private async Task<string> TokenOfAsync(HttpClient browser) => (await _app.CreateTokenAsync(browser)).Secret;

    [GeneratedRegex(@"\{\**([A-Za-z]+)\??(?::[^}]*(?:\}[^}/]*)?)?\}")]
    private static partial Regex RouteParameter();

    /// <summary>The endpoint table in docs/permissions.md: | METHOD | `pattern` | level |.</summary>
    private static partial class PermissionsTable
    {
        public static Dictionary<string, string> Read()
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "docs", "permissions.md")))
            {
                folder = folder.Parent;
            }

            Assert.NotNull(folder);
            var rows = new Dictionary<string, string>();
            foreach (var line in File.ReadLines(Path.Combine(folder.FullName, "docs", "permissions.md")))
            {
                var row = Row().Match(line);
                if (row.Success)
                {
                    rows[$"{row.Groups[1].Value} {row.Groups[2].Value.Replace("\\|", "|", StringComparison.Ordinal)}"] = row.Groups[3].Value.Trim().ToLowerInvariant();
                }
            }

            return rows;
        }

        [GeneratedRegex(@"^\|\s*(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT|\*)\s*\|\s*`((?:[^`\\]|\\.)+)`\s*\|\s*([a-z]+)\s*\|")]
        private static partial Regex Row();
    }
}
