using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fireside.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class CoachTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task WritingASummary_TheCoachUnderlinesAndExplains_KeyboardReachable()
    {
        var page = await fixture.NewPageAsync();
        await BrowserFixture.StepsAsync(page, "coach", async () =>
        {
            await page.GotoAsync("/");
            await new SetupPage(page).CreateAdminAsync("coach@example.com", "Coach", "correct horse battery", "UTC");
            await page.GotoAsync("/reviews/new");

            await page.GetByLabel("Summary").FillAsync("In hindsight the deploy was risky. We just rolled back.");

            var notes = page.GetByTestId("coach-note");
            await Expect(notes).ToHaveCountAsync(2);
            await Expect(notes.First).ToContainTextAsync("hindsight");
            await Expect(notes.Nth(1)).ToContainTextAsync("minimizing");
            await Expect(page.Locator(".coach-backdrop mark")).ToHaveCountAsync(2);
            await Expect(page.Locator(".coach-backdrop mark").First).ToHaveTextAsync("In hindsight");

            // Keyboard: from the text area, Tab reaches the first note, which lights up its words.
            await page.GetByLabel("Summary").FocusAsync();
            await page.Keyboard.PressAsync("Tab");
            await Expect(notes.First).ToBeFocusedAsync();
            await Expect(page.Locator(".coach-backdrop mark.active")).ToHaveTextAsync("In hindsight");
            await BrowserFixture.ScreenshotAsync(page, "05-coach-as-you-type");

            await page.GetByLabel("Summary").FillAsync("Sam restarted the web tier at 10:42.");
            await Expect(notes).ToHaveCountAsync(0);
        });
    }
}
