using System.Net;
using System.Net.Http.Json;
using Fireside.Cli;
using Fireside.Core.Reviews;

namespace Fireside.Web.Tests;

/// <summary>The CLI and the web app share one database: what one makes, the other sees.</summary>
public sealed class CliAndWebTests : IDisposable
{
    private readonly FiresideApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string> FiresideAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await FiresideCli.RunAsync([.. args, "--database", _app.DatabasePath], output, error);
        Assert.True(exit == 0, $"fireside {string.Join(' ', args)} exited {exit}: {error}");
        return output.ToString().Trim();
    }

    [Fact]
    public async Task TokenFromTheCli_OpensTheApi_AndSeesReviewsMadeThere()
    {
        _ = await _app.NewBrowser().GetAsync("/health");
        await FiresideAsync("users", "create", "--email", "ops@example.com", "--password", FiresideApp.Password, "--admin");
        var token = await FiresideAsync("tokens", "create", "--email", "ops@example.com");
        var id = await FiresideAsync("reviews", "create", "--title", "Made in the terminal", "--started", "2026-11-20T10:00:00Z");
        var api = _app.NewBrowser();
        api.DefaultRequestHeaders.Authorization = new("Bearer", token);

        var response = await api.GetAsync($"/api/reviews/{id}");

        Assert.True(response.StatusCode == HttpStatusCode.OK, await FiresideApp.Describe(response));
        var review = await response.Content.ReadFromJsonAsync<ReviewDocument>(FiresideApp.Json);
        Assert.Equal("Made in the terminal", review!.Title);
        var browser = await _app.SignInAsync("ops@example.com", FiresideApp.Password);
        Assert.Contains("Made in the terminal", await browser.GetStringAsync("/"));
    }
}
