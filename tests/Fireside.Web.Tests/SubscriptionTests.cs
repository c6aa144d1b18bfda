using System.Net;
using System.Net.Http.Json;
using System.ServiceModel.Syndication;
using System.Text.Json;
using System.Xml;
using Fireside.Testing;

namespace Fireside.Web.Tests;

/// <summary>Saved searches and subscriptions, through a real SMTP sink and webhook listener, and the Atom feeds.</summary>
public sealed class SubscriptionTests : IAsyncLifetime
{
    private readonly SmtpSink _smtp = new();
    private readonly WebhookSink _webhook = new();
    private readonly FiresideApp _app = new();
    private HttpClient _api = default!;
    private HttpClient _memberApi = default!;

    public SubscriptionTests()
    {
        _app.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        _app.Settings["Notifications:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["Notifications:Smtp:Security"] = "None";
        _app.Settings["Notifications:WebhookUrl"] = _webhook.Url;
        _app.Settings["Notifications:PublicUrl"] = "https://fireside.example.com";
        _app.Settings["Library:DeliveryIntervalSeconds"] = "1";
    }

    public async Task InitializeAsync()
    {
        _api = await _app.ApiClientAsync(await _app.SetUpAdminAsync());
        _memberApi = await _app.ApiClientAsync(await _app.AddPersonAsync(_api, "mo@example.com"));
    }

    public async Task DisposeAsync()
    {
        _app.Dispose();
        _webhook.Dispose();
        await _smtp.DisposeAsync();
    }

    private static async Task<Guid> IdOf(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, await FiresideApp.Describe(response));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json)).GetProperty("id").GetGuid();
    }

    private async Task<Guid> PublishedReviewAsync(string title, string service)
    {
        var review = await _app.CreateReviewAsync(_api, new { title, services = new[] { service } });
        var published = await _api.PostAsJsonAsync($"/api/reviews/{review.Id}/publish", FiresideApp.SkipEverything, FiresideApp.Json);
        Assert.True(published.IsSuccessStatusCode, await FiresideApp.Describe(published));
        return review.Id;
    }

    private static async Task WaitForAsync(Func<bool> done)
    {
        for (var tries = 0; tries < 100 && !done(); tries++)
        {
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task ANewlyPublishedReview_ReachesEachSubscriberOnce_ByEmailAndTheWebhook()
    {
        await IdOf(await _api.PostAsJsonAsync("/api/saved-searches", new { q = "exhausted", byEmail = true, byWebhook = true }, FiresideApp.Json));
        await IdOf(await _memberApi.PostAsJsonAsync("/api/saved-searches", new { service = "payments", name = "Payments", byEmail = true, byWebhook = true }, FiresideApp.Json));
        await IdOf(await _memberApi.PostAsJsonAsync("/api/saved-searches", new { q = "pool", byEmail = true }, FiresideApp.Json));

        var id = await PublishedReviewAsync("Pool exhausted", "payments");
        await PublishedReviewAsync("Office wifi", "it");
        await WaitForAsync(() => _smtp.Messages.Count >= 2 && !_webhook.Posts.IsEmpty);
        await Task.Delay(3_000);

        // One email each (the member's two matching searches make one message), one webhook post.
        Assert.Equal(2, _smtp.Messages.Count);
        Assert.Equal([FiresideApp.AdminEmail, "mo@example.com"], _smtp.Messages.SelectMany(m => m.Recipients).Select(r => r.Trim('<', '>')).Order());
        Assert.All(_smtp.Messages, m => Assert.Contains($"https://fireside.example.com/reviews/{id}", m.Data));
        var post = Assert.Single(_webhook.Posts);
        Assert.Contains("Pool exhausted", post.Body);
        Assert.DoesNotContain(_smtp.Messages, m => m.Data.Contains("Office wifi"));
    }

    [Fact]
    public async Task BadSavedSearches_GetClearMessages_AndOthersSearchesStayPrivate()
    {
        var empty = await _api.PostAsJsonAsync("/api/saved-searches", new { name = "Nothing" }, FiresideApp.Json);
        var unreadable = await _api.PostAsJsonAsync("/api/saved-searches", new { q = "checkout", status = "finished" }, FiresideApp.Json);
        var mine = await IdOf(await _api.PostAsJsonAsync("/api/saved-searches", new { q = "checkout" }, FiresideApp.Json));

        var theirs = await _memberApi.DeleteAsync($"/api/saved-searches/{mine}");
        var list = await _memberApi.GetFromJsonAsync<JsonElement>("/api/saved-searches", FiresideApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("some words to look for, or a filter", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("finished", await unreadable.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, theirs.StatusCode);
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task Feeds_AreAtom_ReadWithAFeedToken_AndOnlyTheOwnersSearch()
    {
        var id = await PublishedReviewAsync("Pool exhausted", "payments");
        await _app.CreateReviewAsync(_api, new { title = "A draft about the pool", services = new[] { "payments" } });
        var saved = await IdOf(await _api.PostAsJsonAsync("/api/saved-searches", new { q = "pool" }, FiresideApp.Json));
        var tokenResponse = await _api.PostAsync("/api/me/feed-token", null);
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json)).GetProperty("token").GetString()!;
        var reader = _app.NewBrowser();

        var reviews = await Load(await reader.GetAsync($"/feeds/reviews.atom?token={Uri.EscapeDataString(token)}"));
        var search = await Load(await reader.GetAsync($"/feeds/searches/{saved}.atom?token={Uri.EscapeDataString(token)}"));
        var noToken = await reader.GetAsync("/feeds/reviews.atom");
        var wrongToken = await reader.GetAsync("/feeds/reviews.atom?token=ff_nonsense");
        var memberToken = (await (await _memberApi.PostAsync("/api/me/feed-token", null)).Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json)).GetProperty("token").GetString()!;
        var othersSearch = await reader.GetAsync($"/feeds/searches/{saved}.atom?token={Uri.EscapeDataString(memberToken)}");

        var entry = Assert.Single(reviews.Items);
        Assert.Equal("Pool exhausted", entry.Title.Text);
        Assert.Equal($"https://fireside.example.com/reviews/{id}", entry.Links[0].Uri.ToString());
        Assert.Equal(["A draft about the pool", "Pool exhausted"], search.Items.Select(i => i.Title.Text).Order());
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongToken.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, othersSearch.StatusCode);
    }

    private static async Task<SyndicationFeed> Load(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.OK, await FiresideApp.Describe(response));
        Assert.Equal("application/atom+xml", response.Content.Headers.ContentType?.MediaType);
        using var xml = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var formatter = new Atom10FeedFormatter();
        Assert.True(formatter.CanRead(xml), "The feed is not Atom 1.0.");
        formatter.ReadFrom(xml);
        return formatter.Feed;
    }
}
