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
            await Expect(alice.GetByRole(AriaRole.Link, new() { Name = "Audit log" })).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(alice, "13-signed-in-through-the-provider");

            await alice.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
            await alice.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin");
            Assert.Equal(1, fixture.Provider.EndedSessions);
            await alice.GotoAsync("/");
            await alice.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin");
        });
    }
}
