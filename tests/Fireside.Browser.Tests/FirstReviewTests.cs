using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fireside.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class FirstReviewTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task NewTeam_SignsUpCreatesAReview_AndTheTimelineReadsInTimeOrder()
    {
        var page = await fixture.NewPageAsync(timeZone: "Europe/Berlin");
        await BrowserFixture.StepsAsync(page, "first-review", async () =>
        {

            await page.GotoAsync("/");
            await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/setup$"));
            await BrowserFixture.ScreenshotAsync(page, "01-setup");
            // A new account starts in the browser's own time zone.
            await Expect(page.GetByLabel("Your time zone")).ToHaveValueAsync("Europe/Berlin");
            await new SetupPage(page).CreateAdminAsync("ada@example.com", "Ada", "correct horse battery", "Europe/Berlin");

            await page.GetByRole(AriaRole.Link, new() { Name = "Start a review" }).ClickAsync();
            await new ReviewEditorPage(page).StartAsync("Checkout stalled after the cache change", "2026-11-20T11:00", "2026-11-20T12:30", "SEV2");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Checkout stalled after the cache change" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("impact")).ToHaveTextAsync("1 h 30 min");

            var review = new ReviewPage(page);
            await review.AddMomentAsync("2026-11-20T11:40", "Priya", "Action", "Rolled back the cache change.");
            await review.AddMomentAsync("2026-11-20T11:05", "alertmanager", "Alert", "Checkout error rate above 5%.");
            await review.AddMomentAsync("2026-11-20T11:12", "Sam", "Observation", "Saw the latency graph climb and opened the dashboard.");

            await Expect(review.EntryTexts).ToHaveTextAsync(
            [
                "Checkout error rate above 5%.",
                "Saw the latency graph climb and opened the dashboard.",
                "Rolled back the cache change.",
            ]);
            // A human time: the date only on the first moment of a day, the zone once above the timeline.
            await Expect(review.EntryTimes).ToHaveTextAsync(["2026-11-20 11:05", "11:12", "11:40"]);
            await Expect(page.GetByTestId("zone-note")).ToContainTextAsync("(UTC+01:00)");
            // A moment's actions come forward when it is pointed at, and stay out of the story's way otherwise.
            var actions = page.GetByTestId("entry").Nth(1).Locator(".entry-actions");
            await page.Mouse.MoveAsync(0, 0);
            await Expect(actions).ToHaveCSSAsync("opacity", "0");
            await page.GetByTestId("entry").Nth(1).HoverAsync();
            await Expect(actions).ToHaveCSSAsync("opacity", "1");
            await BrowserFixture.ScreenshotAsync(page, "02-review-timeline");

            // Removing a moment asks first: saying no keeps it, saying yes removes it.
            await review.RemoveFirstMomentAsync(confirm: false);
            await Expect(review.EntryTexts).ToHaveCountAsync(3);
            await review.RemoveFirstMomentAsync(confirm: true);
            await Expect(review.EntryTexts).ToHaveTextAsync(["Saw the latency graph climb and opened the dashboard.", "Rolled back the cache change."]);
            await review.AddMomentAsync("2026-11-20T11:05", "alertmanager", "Alert", "Checkout error rate above 5%.");

            await page.GotoAsync("/");
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Checkout stalled after the cache change" })).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "03-review-list");

            // The interactive API reference is served from this machine, with no outside network.
            await page.GetByRole(AriaRole.Link, new() { Name = "API" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Fireside API" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
            await Expect(page.GetByText("The severity levels this organisation uses.").First).ToBeVisibleAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "04-api-reference.png") });
        });
    }
}
