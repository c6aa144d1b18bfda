using System.Net;
using System.Net.Http.Json;
using System.Text;
using Fireside.Core.Reviews;

namespace Fireside.Web.Tests;

/// <summary>Things a careful person found wrong while trying Fireside, each kept fixed by a test.</summary>
public sealed class FoundWhileTryingTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private HttpClient _api = default!;
    private ReviewDocument _review = default!;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
        _review = await _app.CreateReviewAsync(_api, new { title = "Checkout slowed down" });
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ImageLink_WithMalformedJson_Answers400_WithAMessage()
    {
        var entry = await (await _api.PostAsJsonAsync($"/api/reviews/{_review.Id}/timeline", new { occurredAt = "2026-11-20T10:00:00Z", actor = "Priya", text = "Deployed" }, FiresideApp.Json))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        var response = await _api.PostAsync($"/api/reviews/{_review.Id}/timeline/{entry.GetProperty("id").GetString()}/attachments", new StringContent("{\"url\": ", Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, await FiresideApp.Describe(response));
        Assert.Contains("could not be read", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/reviews/{0}")]
    [InlineData("/reviews/{0}/edit")]
    [InlineData("/reviews/{0}/facilitation")]
    [InlineData("/reviews/{0}/room")]
    [InlineData("/reviews/{0}/after")]
    [InlineData("/reviews/not-a-review")]
    [InlineData("/nothing/lives/here")]
    public async Task UnknownReviewsAndPaths_Answer404_WithTheAppsOwnPage(string path)
    {
        var response = await _browser.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Guid.NewGuid()));

        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.NotFound, await FiresideApp.Describe(response));
        Assert.Contains("We could not find", html);
        Assert.Contains("<nav", html);
    }

    [Fact]
    public async Task TimelineCurated_Checkbox_Saves_AndUnticks()
    {
        async Task PostAsync(bool ticked)
        {
            var page = await _browser.GetStringAsync($"/reviews/{_review.Id}/facilitation");
            var fields = new List<KeyValuePair<string, string>>
            {
                new("__RequestVerificationToken", FiresideApp.AntiforgeryToken(page)),
                new("teamsInvolved", "Payments"),
                new("timelineCurated", "false"),
            };
            if (ticked)
            {
                fields.Add(new("timelineCurated", "true"));
            }

            var response = await _browser.PostAsync($"/reviews/{_review.Id}/facilitation/settings", new FormUrlEncodedContent(fields));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, await FiresideApp.Describe(response));
        }

        await PostAsync(ticked: true);
        var curated = await _api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/reviews/{_review.Id}/facilitation");
        await PostAsync(ticked: false);
        var notCurated = await _api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/reviews/{_review.Id}/facilitation");

        Assert.True(curated.GetProperty("timelineCurated").GetBoolean());
        Assert.False(notCurated.GetProperty("timelineCurated").GetBoolean());
    }

    [Fact]
    public async Task QuestionBankForm_AddsAQuestion()
    {
        var page = await _browser.GetStringAsync("/questions");
        Assert.Contains("action=\"/questions/save\"", page);

        var response = await _browser.PostAsync("/questions/save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(page),
            ["theme"] = "Signals",
            ["text"] = "Which dashboard did you open first, and what did it tell you?",
        }));

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await FiresideApp.Describe(response));
        Assert.Contains("Which dashboard did you open first", await _browser.GetStringAsync("/questions"));
    }
}
