using Fireside.Importers.Tests;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fireside.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class ImportAndAccountsTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SlackExportUploaded_ThenTwoPeoplesAccountsSitSideBySide()
    {
        var page = await fixture.NewPageAsync();
        var zip = Path.Combine(Path.GetTempPath(), $"slack-export-{Guid.NewGuid():N}.zip");
        await using (var file = File.Create(zip))
        {
            await Fixtures.SlackZip().CopyToAsync(file);
        }

        try
        {
            await BrowserFixture.StepsAsync(page, "import-and-accounts", async () =>
            {
                await page.GotoAsync("/");
                await new SetupPage(page).CreateAdminAsync("story@example.com", "Story", "correct horse battery", "UTC");
                await page.GetByRole(AriaRole.Link, new() { Name = "Start a review" }).ClickAsync();
                await new ReviewEditorPage(page).StartAsync("Checkout rollback", "2026-11-20T09:50", "2026-11-20T10:30", "SEV2");

                await page.GetByLabel("What it is").SelectOptionAsync("slack");
                await page.GetByLabel("File", new() { Exact = true }).SetInputFilesAsync(zip);
                await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
                await Expect(page.GetByTestId("import-summary")).ToHaveTextAsync("imported 7 entries, 0 duplicates skipped, 4 actors");

                var rollback = page.GetByTestId("entry").Filter(new() { HasText = "Rolling back now" });
                await AddAccountAsync(page, rollback, "Priya", saw: "The error rate graph jumped right after the deploy.", believed: "The new cache TTL was serving stale carts.");
                rollback = page.GetByTestId("entry").Filter(new() { HasText = "Rolling back now" });
                await AddAccountAsync(page, rollback, "Sam", saw: "Latency doubled on the cart service.", believed: "The database was slow, not the cache.");

                var accounts = page.GetByTestId("entry").Filter(new() { HasText = "Rolling back now" }).GetByTestId("account");
                await Expect(accounts).ToHaveCountAsync(2);
                await Expect(accounts.Nth(0)).ToContainTextAsync("The new cache TTL was serving stale carts.");
                await Expect(accounts.Nth(1)).ToContainTextAsync("The database was slow, not the cache.");
                var first = await accounts.Nth(0).BoundingBoxAsync();
                var second = await accounts.Nth(1).BoundingBoxAsync();
                Assert.True(Math.Abs(first!.Y - second!.Y) < 1 && second.X > first.X + first.Width - 1, "The two accounts sit side by side.");
                await accounts.Nth(0).ScrollIntoViewIfNeededAsync();
                await BrowserFixture.ScreenshotAsync(page, "06-accounts-side-by-side");

                // A graph uploaded onto the same moment shows inline, as the image it is.
                rollback = page.GetByTestId("entry").Filter(new() { HasText = "Rolling back now" });
                await rollback.GetByTestId("add-image").ClickAsync();
                var imageForm = page.GetByTestId("attachment-form");
                await imageForm.GetByLabel("Upload an image").SetInputFilesAsync(new FilePayload { Name = "error-rate.png", MimeType = "image/png", Buffer = ErrorRateGraph });
                await imageForm.GetByLabel("What it shows").FillAsync("Error rate on checkout, 10:00 to 10:30");
                await imageForm.GetByRole(AriaRole.Button, new() { Name = "Add the image" }).ClickAsync();
                var image = page.GetByRole(AriaRole.Img, new() { Name = "Error rate on checkout, 10:00 to 10:30" });
                await Expect(image).ToBeVisibleAsync();
                // Visible comes before decoded: wait for the load (or its failure) before reading the size.
                Assert.Equal(4, await image.EvaluateAsync<int>(
                    "img => img.complete ? img.naturalWidth : new Promise(done => { img.addEventListener('load', () => done(img.naturalWidth)); img.addEventListener('error', () => done(-1)); })"));

                // Sam rewords their account on its own page; Priya's stays as it was.
                await page.GetByTestId("account").Filter(new() { HasText = "Sam" }).GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
                await page.GetByLabel("What I believed then").FillAsync("The database looked slow; the cache had not crossed my mind.");
                await page.GetByRole(AriaRole.Button, new() { Name = "Save account" }).ClickAsync();
                accounts = page.GetByTestId("entry").Filter(new() { HasText = "Rolling back now" }).GetByTestId("account");
                await Expect(accounts.Nth(1)).ToContainTextAsync("the cache had not crossed my mind");
                await Expect(accounts.Nth(0)).ToContainTextAsync("The new cache TTL was serving stale carts.");
                await image.ScrollIntoViewIfNeededAsync();
                await BrowserFixture.ScreenshotAsync(page, "07-graph-inline");

                // Slack knows Sam as "Sam Okafor"; the account was typed as "Sam". Until someone says they are one
                // person, the lanes show two; afterwards one lane holds Sam's messages and Sam's account.
                await page.GetByTestId("lanes-view").ClickAsync();
                await Expect(page.GetByTestId("lane")).ToHaveCountAsync(5);
                await Expect(page.GetByTestId("lane").Filter(new() { HasTextRegex = new("^Sam$") })).ToHaveCountAsync(1);
                await page.GetByTestId("people-link").ClickAsync();
                await page.GetByLabel("This name").SelectOptionAsync("Sam");
                await page.GetByLabel("is the same person as").FillAsync("Sam Okafor");
                await page.GetByRole(AriaRole.Button, new() { Name = "Put together" }).ClickAsync();
                await Expect(page.GetByTestId("done")).ToContainTextAsync("“Sam” is now “Sam Okafor” on 1 account.");
                await Expect(page.GetByTestId("person-name").Filter(new() { HasTextRegex = new("^Sam") })).ToHaveTextAsync(["Sam Okafor"]);
                await BrowserFixture.ScreenshotAsync(page, "18-people-put-together");
                await page.GetByRole(AriaRole.Link, new() { Name = "Back to the review" }).ClickAsync();
                await page.GetByTestId("lanes-view").ClickAsync();
                await Expect(page.GetByTestId("lane")).ToHaveCountAsync(4);
                await Expect(page.GetByTestId("lane").Filter(new() { HasTextRegex = new("^Sam") })).ToHaveTextAsync(["Sam Okafor"]);
                await Expect(page.GetByTestId("lanes").GetByText("the cache had not crossed my mind")).ToBeVisibleAsync();
            });
        }
        finally
        {
            File.Delete(zip);
        }
    }

    /// <summary>A 4×2 PNG drawn for this test (red and white pixels), so the browser has a real image to decode.</summary>
    private static readonly byte[] ErrorRateGraph = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAQAAAACCAIAAADwyuo0AAAAEklEQVR4nGP4z8AAQmDAgMwBALteD/Ggmg/zAAAAAElFTkSuQmCC");

    private static async Task AddAccountAsync(IPage page, ILocator entry, string author, string saw, string believed)
    {
        await entry.GetByTestId("add-account").ClickAsync();
        var form = entry.GetByTestId("account-form");
        await form.GetByLabel("Whose account").FillAsync(author);
        await form.GetByLabel("What I saw").FillAsync(saw);
        await form.GetByLabel("What I believed then").FillAsync(believed);
        await form.GetByRole(AriaRole.Button, new() { Name = "Add the account" }).ClickAsync();
        await Expect(page.GetByTestId("account").Filter(new() { HasText = believed })).ToBeVisibleAsync();
    }
}
