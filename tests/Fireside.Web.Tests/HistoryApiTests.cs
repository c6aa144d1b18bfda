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
}
