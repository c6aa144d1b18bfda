using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fireside.Browser.Tests;

[Collection(BrowserCollection.Name)]
public sealed class NavigationTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheMainNavigation_MarksWhereYouAre_GroupsTheAdminPages_AndFoldsOnAPhone()
    {
        var page = await fixture.NewPageAsync(timeZone: "UTC");
        await BrowserFixture.StepsAsync(page, "navigation", async () =>
        {
            await page.GotoAsync("/");
            await new SetupPage(page).CreateAdminAsync("ada@example.com", "Ada", "correct horse battery", "UTC");
            var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });

            await page.GotoAsync("/");
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Reviews" })).ToHaveAttributeAsync("aria-current", "page");
            await nav.GetByRole(AriaRole.Link, new() { Name = "Library" }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/library");
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Library" })).ToHaveAttributeAsync("aria-current", "page");
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Reviews" })).Not.ToHaveAttributeAsync("aria-current", "page");

            // The admin pages sit under one entry, which is marked while one of them is open.
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Themes" })).Not.ToBeVisibleAsync();
            await nav.GetByText("Admin", new() { Exact = true }).ClickAsync();
            await nav.GetByRole(AriaRole.Link, new() { Name = "Themes" }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/themes");
            await Expect(nav.Locator("summary")).ToHaveAttributeAsync("aria-current", "page");
            await BrowserFixture.ScreenshotAsync(page, "16-navigation");

            // On a phone the navigation folds behind a Menu button big enough for a thumb, and opens on a tap.
            await page.SetViewportSizeAsync(390, 844);
            await page.GotoAsync("/");
            var menu = page.GetByRole(AriaRole.Button, new() { Name = "Menu" });
            await Expect(menu).ToBeVisibleAsync();
            await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Library" })).Not.ToBeVisibleAsync();
            var size = await menu.BoundingBoxAsync();
            Assert.True(size is { Height: >= 44, Width: >= 44 }, $"The Menu button is {size?.Width} by {size?.Height} px");
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0);

            await menu.ClickAsync();
            await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
            await BrowserFixture.ScreenshotAsync(page, "17-navigation-phone-open");
            await nav.GetByRole(AriaRole.Link, new() { Name = "Library" }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/library");
            // After moving on, the menu is folded again.
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Insights" })).Not.ToBeVisibleAsync();
            await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
            Assert.True(await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0);
        });
    }
}
