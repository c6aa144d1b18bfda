using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Fireside.Core.Reviews;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fireside.Web.Tests;

/// <summary>The rules of docs/permissions.md that depend on what is sent or who holds a role, tried the way a plain member would try them.</summary>
public sealed class PermissionRulesTests : IAsyncLifetime
{
    private readonly FiresideApp _app = new();
    private HttpClient _adminBrowser = default!;
    private HttpClient _admin = default!;
    private HttpClient _memberBrowser = default!;
    private HttpClient _member = default!;
    private string _memberToken = "";
    private HttpClient _facilitator = default!;
    private ReviewDocument _review = default!;

    public async Task InitializeAsync()
    {
        _adminBrowser = await _app.SetUpAdminAsync();
        _admin = await _app.ApiClientAsync(_adminBrowser);
        _memberBrowser = await _app.AddPersonAsync(_admin, "mo@example.com");
        _memberToken = (await _app.CreateTokenAsync(_memberBrowser)).Secret;
        _member = await _app.ApiClientAsync(_memberBrowser);
        _facilitator = await _app.ApiClientAsync(await _app.AddPersonAsync(_admin, "fay@example.com"));
        _review = await _app.CreateReviewAsync(_admin, new { title = "Checkout slowed down" });
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private string Path(string rest = "") => $"/api/reviews/{_review.Id}{rest}";

    private async Task<HttpResponseMessage> AddRoleAsync(HttpClient who, string name, string email, string role) =>
        await who.PostAsJsonAsync(Path("/participants"), new { name, email, role }, FiresideApp.Json);

    private static async Task AssertStatusAsync(HttpStatusCode expected, HttpResponseMessage response) =>
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}: {await FiresideApp.Describe(response)}");

    [Fact]
    public async Task Member_CannotMakeThemselvesFacilitator_WhenSomeoneAlreadyCoFacilitates()
    {
        await AssertStatusAsync(HttpStatusCode.Created, await AddRoleAsync(_admin, "Fay", "fay@example.com", "coFacilitator"));

        var attempt = await AddRoleAsync(_member, "Mo", "mo@example.com", "facilitator");

        await AssertStatusAsync(HttpStatusCode.Forbidden, attempt);
        Assert.Contains("private notes", await attempt.Content.ReadAsStringAsync());
        await AssertStatusAsync(HttpStatusCode.Forbidden, await AddRoleAsync(_member, "Mo", "mo@example.com", "shadowFacilitator"));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await _member.GetAsync(Path("/private-notes")));
        // The co-facilitator hands out roles too.
        await AssertStatusAsync(HttpStatusCode.Created, await AddRoleAsync(_facilitator, "Mo", "mo@example.com", "shadowFacilitator"));
    }

    [Fact]
    public async Task Member_CannotTakeTheFacilitatorRole_OfAReviewThatHasPrivateNotes()
    {
        var note = await _admin.PostAsJsonAsync(Path("/private-notes"), new { kind = "handleWithCare", text = "A hard night for the on-call" }, FiresideApp.Json);
        await AssertStatusAsync(HttpStatusCode.Created, note);

        await AssertStatusAsync(HttpStatusCode.Forbidden, await AddRoleAsync(_member, "Mo", "mo@example.com", "facilitator"));
        await AssertStatusAsync(HttpStatusCode.Forbidden, await _member.GetAsync(Path("/private-notes")));
    }

    [Fact]
    public async Task Member_MayPickUpAReview_NobodyFacilitatesYet_AndThenReadsItsPrivateNotes()
    {
        await AssertStatusAsync(HttpStatusCode.Created, await AddRoleAsync(_member, "Mo", "mo@example.com", "facilitator"));

        await AssertStatusAsync(HttpStatusCode.OK, await _member.GetAsync(Path("/private-notes")));
        // From now on the role is theirs to give, not anyone's to take.
        await AssertStatusAsync(HttpStatusCode.Forbidden, await AddRoleAsync(_facilitator, "Fay", "fay@example.com", "coFacilitator"));
    }

    [Fact]
    public async Task Member_CannotPublish_ThroughTheEditorsStatus_ThePublishButton_OrANewReview()
    {
        var current = await _member.GetFromJsonAsync<ReviewDocument>(Path(), FiresideApp.Json);
        var viaPut = await _member.PutAsJsonAsync(Path(), new { title = current!.Title, status = "published", version = current.Version }, FiresideApp.Json);
        var viaButton = await _member.PostAsJsonAsync(Path("/publish"), FiresideApp.SkipEverything, FiresideApp.Json);
        var viaCreate = await _member.PostAsJsonAsync("/api/reviews", new { title = "Born published", status = "published" }, FiresideApp.Json);
        var viaDelete = await _member.DeleteAsync(Path());

        await AssertStatusAsync(HttpStatusCode.Forbidden, viaPut);
        await AssertStatusAsync(HttpStatusCode.Forbidden, viaButton);
        await AssertStatusAsync(HttpStatusCode.Forbidden, viaCreate);
        await AssertStatusAsync(HttpStatusCode.Forbidden, viaDelete);
        var after = await _admin.GetFromJsonAsync<ReviewDocument>(Path(), FiresideApp.Json);
        Assert.Equal(ReviewStatus.Draft, after!.Status);
        // Planning moves stay open to everyone.
        var planning = await _member.PutAsJsonAsync(Path(), new { title = current.Title, status = "preparing", version = current.Version }, FiresideApp.Json);
        await AssertStatusAsync(HttpStatusCode.OK, planning);
    }

    [Fact]
    public async Task Facilitator_Publishes_AndAPublishedReviewGoesBackThroughReviewed()
    {
        await AddRoleAsync(_admin, "Fay", "fay@example.com", "facilitator");
        await AssertStatusAsync(HttpStatusCode.NoContent, await _facilitator.PostAsJsonAsync(Path("/publish"), FiresideApp.SkipEverything, FiresideApp.Json));
        var published = await _facilitator.GetFromJsonAsync<ReviewDocument>(Path(), FiresideApp.Json);

        var skip = await _facilitator.PutAsJsonAsync(Path(), new { title = published!.Title, status = "draft", version = published.Version }, FiresideApp.Json);

        // A published review is read-only, its status field too: it is reopened through its own step.
        await AssertStatusAsync(HttpStatusCode.Forbidden, skip);
        Assert.Contains("reopen it", await skip.Content.ReadAsStringAsync());
        await AssertStatusAsync(HttpStatusCode.NoContent, await _facilitator.PostAsync(Path("/unpublish"), null));
        Assert.Equal(ReviewStatus.Reviewed, (await _facilitator.GetFromJsonAsync<ReviewDocument>(Path(), FiresideApp.Json))!.Status);
    }

    [Fact]
    public async Task Member_CannotRestoreAPublishedReview_FromItsArchive_ButAnAdminCan()
    {
        await AssertStatusAsync(HttpStatusCode.NoContent, await _admin.PostAsJsonAsync(Path("/publish"), FiresideApp.SkipEverything, FiresideApp.Json));
        var json = await _admin.GetStringAsync(Path("/export?format=json"));
        var other = new FiresideApp();
        try
        {
            var otherAdmin = await other.ApiClientAsync(await other.SetUpAdminAsync());
            var otherMember = await other.ApiClientAsync(await other.AddPersonAsync(otherAdmin, "mo@example.com"));

            var byMember = await otherMember.PostAsync("/api/reviews/import", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
            var byAdmin = await otherAdmin.PostAsync("/api/reviews/import", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

            await AssertStatusAsync(HttpStatusCode.Forbidden, byMember);
            await AssertStatusAsync(HttpStatusCode.Created, byAdmin);
        }
        finally
        {
            other.Dispose();
        }
    }

    [Fact]
    public async Task Accounts_AreChangedOnlyByTheirAuthor_TheFacilitators_OrAnAdmin()
    {
        await AddRoleAsync(_admin, "Fay", "fay@example.com", "facilitator");
        var entry = await (await _admin.PostAsJsonAsync(Path("/timeline"), new { occurredAt = "2026-11-20T10:00:00Z", actor = "Priya", text = "Deployed" }, FiresideApp.Json))
            .Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json);
        var entryId = entry.GetProperty("id").GetString();
        var mine = await (await _member.PostAsJsonAsync(Path($"/timeline/{entryId}/accounts"), new { author = "Mo", saw = "Latency rising" }, FiresideApp.Json))
            .Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json);
        var theirs = await (await _admin.PostAsJsonAsync(Path($"/timeline/{entryId}/accounts"), new { author = "Priya", saw = "A quiet dashboard" }, FiresideApp.Json))
            .Content.ReadFromJsonAsync<JsonElement>(FiresideApp.Json);
        string Id(JsonElement a) => a.GetProperty("id").GetString()!;
        object Edit(JsonElement a, string saw) => new { author = a.GetProperty("author").GetString(), saw, version = a.GetProperty("version").GetInt32() };

        var editOthers = await _member.PutAsJsonAsync(Path($"/accounts/{Id(theirs)}"), Edit(theirs, "Nothing at all"), FiresideApp.Json);
        var removeOthers = await _member.DeleteAsync(Path($"/accounts/{Id(theirs)}"));
        var editOwn = await _member.PutAsJsonAsync(Path($"/accounts/{Id(mine)}"), Edit(mine, "Latency rising, then errors"), FiresideApp.Json);
        var facilitatorEdits = await _facilitator.PutAsJsonAsync(Path($"/accounts/{Id(theirs)}"), Edit(theirs, "A quiet dashboard, then alerts"), FiresideApp.Json);
        var editorPage = await _memberBrowser.GetAsync($"/reviews/{_review.Id}/accounts/{Id(theirs)}/edit");

        await AssertStatusAsync(HttpStatusCode.Forbidden, editOthers);
        await AssertStatusAsync(HttpStatusCode.Forbidden, removeOthers);
        await AssertStatusAsync(HttpStatusCode.OK, editOwn);
        await AssertStatusAsync(HttpStatusCode.OK, facilitatorEdits);
        await AssertStatusAsync(HttpStatusCode.Forbidden, editorPage);
        Assert.Contains("not open to your account", await editorPage.Content.ReadAsStringAsync());
        var page = await _memberBrowser.GetStringAsync($"/reviews/{_review.Id}");
        Assert.Contains($"/accounts/{Id(mine)}/edit", page);
        Assert.DoesNotContain($"/accounts/{Id(theirs)}/edit", page);
        Assert.DoesNotContain($"/reviews/{_review.Id}/delete", page);
    }

    [Fact]
    public async Task PinDone_OverTheLiveConnection_IsTheFacilitatorsLikeTheButton()
    {
        await AddRoleAsync(_admin, "Fay", "fay@example.com", "facilitator");
        await AssertStatusAsync(HttpStatusCode.NoContent, await _member.PostAsJsonAsync(Path("/room/parking-lot"), new { text = "Canary sampling" }, FiresideApp.Json));
        var room = await _member.GetFromJsonAsync<JsonElement>(Path("/room"), FiresideApp.Json);
        var pin = Guid.Parse(room.GetProperty("parkingLot")[0].GetProperty("id").GetString()!);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, "/hubs/room"), HttpTransportType.LongPolling, options =>
            {
                options.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(_memberToken);
            })
            .Build();
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("Join", _review.Id);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("PinDone", _review.Id, pin, true));
        var overHttp = await _member.PutAsJsonAsync(Path($"/room/parking-lot/{pin}/done"), new { done = true }, FiresideApp.Json);

        Assert.Contains("facilitators", refused.Message);
        await AssertStatusAsync(HttpStatusCode.Forbidden, overHttp);
        var after = await _member.GetFromJsonAsync<JsonElement>(Path("/room"), FiresideApp.Json);
        Assert.False(after.GetProperty("parkingLot")[0].GetProperty("done").GetBoolean());
        await AssertStatusAsync(HttpStatusCode.NoContent, await _facilitator.PutAsJsonAsync(Path($"/room/parking-lot/{pin}/done"), new { done = true }, FiresideApp.Json));
    }
}
