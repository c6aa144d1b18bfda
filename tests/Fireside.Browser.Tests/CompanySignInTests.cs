using Fireside.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fireside.Browser.Tests;

/// <summary>Fireside set up to sign in through a real OpenID Connect provider (OpenIddict) on another loopback port.</summary>
public sealed class CompanySignInFixture : BrowserFixture
{
    public OidcProvider Provider { get; private set; } = default!;

    protected override async Task BeforeStartAsync()
    {
        Provider = await OidcProvider.StartAsync();
        Provider.People.Add(new ProviderPerson("alice", "alice-pass", "sub-alice", "alice@example.com", true, "Alice Ng", "fireside-admins"));
        App.Settings["Oidc:Authority"] = Provider.Authority;
        App.Settings["Oidc:ClientId"] = OidcProvider.ClientId;
        App.Settings["Oidc:ClientSecret"] = OidcProvider.ClientSecret;
        App.Settings["Oidc:AllowHttp"] = "true";
        App.Settings["Oidc:DisplayName"] = "Example SSO";
        App.Settings["Oidc:AdminGroups:0"] = "fireside-admins";
    }

    protected override Task AfterStartAsync() => Provider.RegisterClientAsync(BaseAddress);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
    }
}

[Collection(BrowserCollection.Name)]
public sealed class CompanySignInTests(CompanySignInFixture fixture) : IClassFixture<CompanySignInFixture>
{
    [Fact]
    public async Task SigningInThroughTheProvidersPage_LandsInFiresideAsTheMappedRole_AndSigningOutEndsBoth()
    {
        var page = await fixture.NewPageAsync();
        var alice = await fixture.NewPageAsync();
        await BrowserFixture.StepsAsync(alice, "company-sign-in", async () =>
        {
            // Someone set Fireside up first, with a local admin; Alice has never been here.
            await page.GotoAsync("/");
            await new SetupPage(page).CreateAdminAsync("ada@example.com", "Ada", "correct horse battery", "UTC");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

            await alice.GotoAsync("/account/signin");
            await alice.GetByTestId("sso").ClickAsync();
            await Expect(alice.GetByRole(AriaRole.Heading, new() { Name = "Company sign-in" })).ToBeVisibleAsync();
            await alice.GetByLabel("Username").FillAsync("alice");
            await alice.GetByLabel("Password").FillAsync("alice-pass");
            await alice.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await alice.WaitForURLAsync(url => new Uri(url).Port == fixture.BaseAddress.Port && new Uri(url).AbsolutePath == "/");
            await Expect(alice.GetByRole(AriaRole.Link, new() { Name = "Alice Ng" })).ToBeVisibleAsync();
            // An admin through the provider's group: the admin pages are theirs, under the Admin entry.
            await alice.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByText("Admin", new() { Exact = true }).ClickAsync();
            await Expect(alice.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(alice, "13-signed-in-through-the-provider");

            // At phone width the pages of this work fit the screen: who can read a review, its history, the audit log,
            // and what someone outside a restricted review sees (only that it exists, and a way to ask).
            var created = await alice.APIRequest.PostAsync("/api/reviews", new() { DataObject = new { title = "Signing key in a public log", summary = "The key sat in a log for two days.", visibility = "restricted" } });
            Assert.True(created.Ok, await created.TextAsync());
            var review = (await created.JsonAsync())!.Value.GetProperty("id").GetString();
            var version = (await created.JsonAsync())!.Value.GetProperty("version").GetInt32();
            var changed = await alice.APIRequest.PutAsync($"/api/reviews/{review}", new() { DataObject = new { title = "Signing key in a public log", summary = "The signing key sat in a build log, readable by anyone, for two days.", visibility = "restricted", version } });
            Assert.True(changed.Ok, await changed.TextAsync());
            await page.GotoAsync("/account/signin");
            await page.GetByLabel("Email").FillAsync("ada@example.com");
            await page.GetByLabel("Password").FillAsync("correct horse battery");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
            var added = await page.APIRequest.PostAsync("/api/users", new() { DataObject = new { email = "mo@example.com", displayName = "Mo", password = "correct horse battery" } });
            Assert.True(added.Ok, await added.TextAsync());
            var mo = await fixture.NewPageAsync();
            await mo.GotoAsync("/account/signin");
            await mo.GetByLabel("Email").FillAsync("mo@example.com");
            await mo.GetByLabel("Password").FillAsync("correct horse battery");
            await mo.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await mo.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");

            foreach (var (who, path) in new[] { (alice, $"/reviews/{review}/facilitation"), (alice, $"/reviews/{review}/history"), (alice, "/admin/audit"), (mo, $"/reviews/{review}") })
            {
                await who.SetViewportSizeAsync(390, 844);
                await who.GotoAsync(path);
                var overflow = await who.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 0, $"{path} scrolls sideways by {overflow} px at 390 px wide");
            }

            await Expect(mo.GetByRole(AriaRole.Button, new() { Name = "Ask for access" })).ToBeVisibleAsync();
            await Expect(mo.GetByText("Signing key")).ToHaveCountAsync(0);
            await BrowserFixture.ScreenshotAsync(mo, "14-restricted-ask-phone");
            await alice.GotoAsync($"/reviews/{review}/history");
            await Expect(alice.Locator("ol.history ins").Filter(new() { HasText = "build" }).First).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(alice, "15-history-phone");
            await alice.SetViewportSizeAsync(1280, 900);

            await alice.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await alice.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin");
            Assert.Equal(1, fixture.Provider.EndedSessions);
            await alice.GotoAsync("/");
            await alice.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin");
        });
    }
}
