using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fireside.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class LibraryTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SearchFromTheHeader_NarrowByAFacet_OpenTheResult()
    {
        var page = await fixture.NewPageAsync(timeZone: "UTC");
        await BrowserFixture.StepsAsync(page, "library", async () =>
        {
            await page.GotoAsync("/");
            await new SetupPage(page).CreateAdminAsync("ada@example.com", "Ada", "correct horse battery", "UTC");
            foreach (var (title, service, summary) in new[]
            {
                ("Pool exhausted on checkout", "checkout", "The connection pool ran dry during the failover."),
                ("Search index rebuild", "search", "A failover of the search cluster left the index half built."),
            })
            {
                var created = await page.APIRequest.PostAsync("/api/reviews", new() { DataObject = new { title, summary, services = new[] { service } } });
                Assert.True(created.Ok, await created.TextAsync());
            }

            await page.GotoAsync("/");
            var box = page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the reviews" }).First;
            await box.FillAsync("failovers");
            await box.PressAsync("Enter");
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/library");
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("2 reviews match");
            await BrowserFixture.ScreenshotAsync(page, "01-library-results");

            await page.GetByRole(AriaRole.Region, new() { Name = "Services" }).GetByRole(AriaRole.Link, new() { Name = "search" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("One review matches");
            await Expect(page.Locator("ol.results mark").First).ToHaveTextAsync("failover");
            await BrowserFixture.ScreenshotAsync(page, "02-library-narrowed");

            await page.GetByRole(AriaRole.Link, new() { Name = "Search index rebuild" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Search index rebuild" })).ToBeVisibleAsync();

            // Insights: each chart is drawn, with its numbers beneath it.
            await page.GetByRole(AriaRole.Link, new() { Name = "Insights" }).ClickAsync();
            await Expect(page.GetByTestId("chart-people-per-review").Locator("rect").First).ToBeVisibleAsync();
            await Expect(page.GetByTestId("table-people-per-review")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(page, "03-insights");

            // At phone width the library and insights fit the screen: wide tables scroll inside their box, the page never sideways.
            await page.SetViewportSizeAsync(390, 844);
            foreach (var path in new[] { "/library", "/library?q=failover", "/insights" })
            {
                await page.GotoAsync(path);
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} px at 390 px wide");
            }

            await BrowserFixture.ScreenshotAsync(page, "04-insights-phone");
        });
    }
}
