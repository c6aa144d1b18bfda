using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Core.Reviews;

namespace Fireside.Web.Tests;

/// <summary>Takeaways, contributing factors, optional remediation, the survey and publishing.</summary>
public sealed class AfterMeetingTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _browser = default!;
    private HttpClient _api = default!;
    private HttpClient _otto = default!;
    private ReviewDocument _review = default!;

    public async Task InitializeAsync()
    {
        _browser = await _app.SetUpAdminAsync();
        _api = await _app.ApiClientAsync(_browser);
        _otto = await _app.ApiClientAsync(await _app.AddPersonAsync(_api, "otto@example.com"));
        _review = await _app.CreateReviewAsync(_api, new { title = "Cart outage" });
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private string Api(string path) => $"/api/reviews/{_review.Id}/{path}";

    [Fact]
    public async Task TakeawaysFactorsAndRemediation_AreKept_WithANoteWhenOneFactorStandsAlone()
    {
        Assert.Equal(HttpStatusCode.OK, (await _otto.PostAsJsonAsync(Api("takeaways"), new { surprisedBy = "The canary sampled only reads", believedBefore = "Canaries cover writes", believeNow = "Ours covers reads only" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _otto.PostAsJsonAsync(Api("takeaways"), new { surprisedBy = "" })).StatusCode);
        await _otto.PostAsJsonAsync(Api("factors"), new { text = "The canary's sampling" });
        var single = await _otto.GetFromJsonAsync<JsonElement>(Api("outcome"));
        await _otto.PostAsJsonAsync(Api("factors"), new { text = "A deploy freeze that week pushed changes together" });
        var badLink = await _otto.PostAsJsonAsync(Api("remediation"), new { text = "Sample writes too", trackerUrl = "not a link" });
        var remediation = await _otto.PostAsJsonAsync(Api("remediation"), new { text = "Sample writes too", owner = "Cart team", trackerUrl = "https://tracker.example.com/CART-12" });

        Assert.StartsWith("One factor rarely tells the whole story", single.GetProperty("factorsNote").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badLink.StatusCode);
        Assert.Equal(HttpStatusCode.OK, remediation.StatusCode);
        var outcome = await _otto.GetFromJsonAsync<JsonElement>(Api("outcome"));
        Assert.Equal(JsonValueKind.Null, outcome.GetProperty("factorsNote").ValueKind);
        Assert.Equal(2, outcome.GetProperty("contributingFactors").GetArrayLength());
        var page = WebUtility.HtmlDecode(await _browser.GetStringAsync($"/reviews/{_review.Id}/after"));
        Assert.Contains("Ours covers reads only", page);
        Assert.Contains("Sample writes too (Cart team)", page);
        Assert.Contains("https://tracker.example.com/CART-12", page);
    }

    [Fact]
    public async Task Survey_EachPersonAnswersOnce_AndOnlyFacilitatorsSeeTheResults()
    {
        Assert.Equal(HttpStatusCode.NoContent, (await _otto.PutAsJsonAsync(Api("survey"), new { toldMyPart = 2, stayedOnLearning = 4, understandBetter = 5, suggestion = "More time for the story" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _otto.PutAsJsonAsync(Api("survey"), new { toldMyPart = 4, stayedOnLearning = 4, understandBetter = 5, suggestion = "More time for the story" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.PutAsJsonAsync(Api("survey"), new { toldMyPart = 5, stayedOnLearning = 5, understandBetter = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await _api.PutAsJsonAsync(Api("survey"), new { toldMyPart = 9, stayedOnLearning = 5, understandBetter = 4 })).StatusCode);

        var results = await _api.GetFromJsonAsync<JsonElement>(Api("survey/results"));
        Assert.Equal(2, results.GetProperty("responses").GetInt32());
        Assert.Equal(4.5, results.GetProperty("toldMyPart").GetDouble());
        Assert.Equal(["More time for the story"], results.GetProperty("suggestions").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await _otto.GetAsync(Api("survey/results"))).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await _otto.GetFromJsonAsync<JsonElement>(Api("outcome"))).GetProperty("surveyResults").ValueKind);
        Assert.Contains("data-testid=\"survey-results\"", await _browser.GetStringAsync($"/reviews/{_review.Id}/after"));
    }

    [Fact]
    public async Task Publishing_IsForTheFacilitators()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _otto.PostAsync(Api("publish"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.PostAsJsonAsync(Api("publish"), FiresideApp.SkipEverything, FiresideApp.Json)).StatusCode);

        var review = await _api.GetFromJsonAsync<ReviewDocument>($"/api/reviews/{_review.Id}", FiresideApp.Json);
        Assert.Equal(ReviewStatus.Published, review!.Status);
    }
}
