using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Fireside.Web.Tests;

/// <summary>The review's history through the API: who changed what, and through which token; paged, newest first.</summary>
public sealed class HistoryApiTests : IDisposable
{
    private readonly FiresideApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task AChangeThroughAToken_SaysWhoAndWhichToken()
    {
        var browser = await _app.SetUpAdminAsync();
        var api = await _app.ApiClientAsync(browser);
        var review = await _app.CreateReviewAsync(api, new { title = "Checkout latency" });
        var changed = await api.PutAsJsonAsync($"/api/reviews/{review.Id}", new { title = "Checkout latency after the deploy", version = review.Version }, FiresideApp.Json);
        Assert.True(changed.IsSuccessStatusCode, await FiresideApp.Describe(changed));

        var history = await api.GetFromJsonAsync<JsonElement>($"/api/reviews/{review.Id}/history?part=review", FiresideApp.Json);
        var title = history.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("field").GetString() == "title");

        Assert.Equal("Ada", title.GetProperty("who").GetString());
        Assert.Equal("tests", title.GetProperty("via").GetString());
        Assert.Equal("Checkout latency", title.GetProperty("before").GetString());
        Assert.Equal("Checkout latency after the deploy", title.GetProperty("after").GetString());
        Assert.Equal(1, history.GetProperty("page").GetInt32());

        var odd = await api.GetAsync($"/api/reviews/{review.Id}/history?part=secrets");
        Assert.Equal(HttpStatusCode.BadRequest, odd.StatusCode);
    }

    [Fact]
    public async Task ThePage_ShowsAWordDiff_AndPutsAnEarlierTextBack()
    {
        var browser = await _app.SetUpAdminAsync();
        var api = await _app.ApiClientAsync(browser);
        var review = await _app.CreateReviewAsync(api, new { title = "Checkout latency", summary = "The cache was cold." });
        var changed = await api.PutAsJsonAsync($"/api/reviews/{review.Id}", new { title = "Checkout latency", summary = "The <b>cache</b> was cold after the deploy.", version = review.Version }, FiresideApp.Json);
        Assert.True(changed.IsSuccessStatusCode, await FiresideApp.Describe(changed));

        var page = await browser.GetStringAsync($"/reviews/{review.Id}/history?part=review");

        Assert.Contains("changed the review: summary", page);
        Assert.Contains("<ins>", page);
        Assert.Contains("after the deploy", page);
        Assert.Contains("&lt;b&gt;", page);
        Assert.DoesNotContain("<b>cache</b>", page);
        Assert.Contains($"href=\"/reviews/{review.Id}/history\"", await browser.GetStringAsync($"/reviews/{review.Id}"));

        var history = await api.GetFromJsonAsync<JsonElement>($"/api/reviews/{review.Id}/history?part=review", FiresideApp.Json);
        var summary = history.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("field").GetString() == "summary");
        Assert.True(summary.GetProperty("mayPutBack").GetBoolean());
        Assert.Contains($"/history/{summary.GetProperty("id").GetInt64()}/put-back", page);
        var putBack = await browser.PostAsync($"/reviews/{review.Id}/history/{summary.GetProperty("id").GetInt64()}/put-back",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = FiresideApp.AntiforgeryToken(page) }));
        Assert.Equal(HttpStatusCode.Redirect, putBack.StatusCode);
        var now = await api.GetFromJsonAsync<JsonElement>($"/api/reviews/{review.Id}", FiresideApp.Json);
        Assert.Equal("The cache was cold.", now.GetProperty("summary").GetString());

        var notText = await api.PostAsync($"/api/reviews/{review.Id}/history/{history.GetProperty("changes").EnumerateArray().First(c => c.GetProperty("change").GetString() == "added").GetProperty("id").GetInt64()}/put-back", null);
        Assert.Equal(HttpStatusCode.BadRequest, notText.StatusCode);
        Assert.Contains("Only an earlier text", await notText.Content.ReadAsStringAsync());
    }
}
