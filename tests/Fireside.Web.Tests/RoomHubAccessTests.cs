using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Fireside.Web.Features.Account;
using Microsoft.AspNetCore.SignalR.Client;

namespace Fireside.Web.Tests;

/// <summary>
/// The live room keeps a connection open for a whole meeting, with the sign-in it opened with. These are the ways
/// that could outlive someone's access: the review is restricted after they joined, their token is revoked,
/// their account is switched off. None of them may keep hearing what is written in the room.
/// </summary>
public sealed class RoomHubAccessTests : IAsyncLifetime
{
    private const string Secret = "The signing key sat in a public log for two days";
    private readonly FiresideApp _app = new();
    private HttpClient _adminApi = default!;
    private HttpClient _memberBrowser = default!;
    private NewTokenResponse _memberToken = default!;
    private Guid _review;

    public async Task InitializeAsync()
    {
        _adminApi = await _app.ApiClientAsync(await _app.SetUpAdminAsync());
        _memberBrowser = await _app.AddPersonAsync(_adminApi, "mo@example.com");
        _memberToken = await _app.CreateTokenAsync(_memberBrowser);
        _review = (await _app.CreateReviewAsync(_adminApi, new { title = "Payments key" })).Id;
    }

    public Task DisposeAsync()
    {
        _app.Dispose();
        return Task.CompletedTask;
    }

    private async Task<(HubConnection Hub, Channel<string> Heard)> JoinAsync()
    {
        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(_app.Server.BaseAddress, "/hubs/room"), HttpTransportType.WebSockets, options =>
            {
                // A web socket, as browsers use: its sign-in is read once, when it opens.
                options.HttpMessageHandlerFactory = _ => _app.Server.CreateHandler();
                options.WebSocketFactory = async (context, ct) =>
                {
                    var client = _app.Server.CreateWebSocketClient();
                    client.ConfigureRequest = request => request.Headers.Authorization = $"Bearer {_memberToken.Secret}";
                    return await client.ConnectAsync(context.Uri, ct);
                };
                options.AccessTokenProvider = () => Task.FromResult<string?>(_memberToken.Secret);
            })
            .Build();
        var heard = Channel.CreateUnbounded<string>();
        hub.On<JsonElement>("note", key => heard.Writer.TryWrite(key.ToString()));
        await hub.StartAsync();
        await hub.InvokeAsync<JsonElement>("Join", _review);
        return (hub, heard);
    }

    private async Task WriteNoteAsync(string text)
    {
        var saved = await _adminApi.PutAsJsonAsync($"/api/reviews/{_review}/room/notes", new { key = "section:0", text }, FiresideApp.Json);
        Assert.True(saved.IsSuccessStatusCode, await FiresideApp.Describe(saved));
    }

    private static async Task<string?> NextAsync(Channel<string> heard, TimeSpan wait)
    {
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            return await heard.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    [Fact]
    public async Task RestrictedAfterJoining_TheNewsCarriesNoText_AndAskingIsRefused_ThenTheRoomGoesQuiet()
    {
        var (hub, heard) = await JoinAsync();
        await using var _ = hub;
        await WriteNoteAsync("Welcome, and why we are here");
        Assert.Equal("section:0", await NextAsync(heard, TimeSpan.FromSeconds(10)));
        var note = await hub.InvokeAsync<JsonElement>("Note", _review, "section:0");
        Assert.Equal("Welcome, and why we are here", note.GetProperty("text").GetString());

        var review = await _adminApi.GetFromJsonAsync<JsonElement>($"/api/reviews/{_review}", FiresideApp.Json);
        var restricted = await _adminApi.PutAsJsonAsync($"/api/reviews/{_review}",
            new { title = "Payments key", visibility = "restricted", version = review.GetProperty("version").GetInt32() }, FiresideApp.Json);
        Assert.True(restricted.IsSuccessStatusCode, await FiresideApp.Describe(restricted));
        await WriteNoteAsync(Secret);

        var news = await NextAsync(heard, TimeSpan.FromSeconds(10));
        Assert.Equal("section:0", news);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Note", _review, "section:0"));
        Assert.Contains("ask its facilitators for access", refused.Message);
        Assert.DoesNotContain("Payments", refused.Message);
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("State", _review));

        // Refused once, the connection has left the room: the next note is not even announced to it.
        await WriteNoteAsync("Timeline next");
        Assert.Null(await NextAsync(heard, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public async Task RevokedToken_IsRefusedAtItsNextCall_AndHearsNothingMore()
    {
        var (hub, heard) = await JoinAsync();
        await using var _ = hub;
        Assert.Equal(HttpStatusCode.NoContent, (await _memberBrowser.DeleteAsync($"/api/tokens/{_memberToken.Token.Id}")).StatusCode);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("State", _review));

        Assert.Contains("sign-in has ended", refused.Message);
        await AssertHearsNothingMoreAsync(hub, heard);
    }

    [Fact]
    public async Task SwitchedOffAccount_IsRefusedAtItsNextCall_AndHearsNothingMore()
    {
        var (hub, heard) = await JoinAsync();
        await using var _ = hub;
        var users = await _adminApi.GetFromJsonAsync<JsonElement>("/api/users", FiresideApp.Json);
        var mo = users.EnumerateArray().First(u => u.GetProperty("email").GetString() == "mo@example.com").GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await _adminApi.PostAsync($"/api/users/{mo}/disable", null)).StatusCode);

        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Pin", _review, "Canary sampling"));

        Assert.Contains("sign-in has ended", refused.Message);
        await AssertHearsNothingMoreAsync(hub, heard);
        var room = await _adminApi.GetFromJsonAsync<JsonElement>($"/api/reviews/{_review}/room", FiresideApp.Json);
        Assert.Equal(0, room.GetProperty("parkingLot").GetArrayLength());
    }

    private async Task AssertHearsNothingMoreAsync(HubConnection hub, Channel<string> heard)
    {
        await WriteNoteAsync(Secret);
        Assert.Null(await NextAsync(heard, TimeSpan.FromSeconds(2)));
        var again = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<JsonElement>("Note", _review, "section:0"));
        Assert.Contains("sign-in has ended", again.Message);
    }
}
