using Microsoft.Playwright;

namespace Fireside.Browser.Tests;

/// <summary>Page objects: what a person does on each page, in their words.</summary>
public sealed class SetupPage(IPage page)
{
    public async Task CreateAdminAsync(string email, string name, string password, string timeZone)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByLabel("Your time zone").FillAsync(timeZone);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create the admin account" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }
}

public sealed class ReviewEditorPage(IPage page)
{
    public async Task StartAsync(string title, string started, string resolved, string severity)
    {
        await page.GetByLabel("Title").FillAsync(title);
        await page.GetByLabel("Incident started").FillAsync(started);
        await page.GetByLabel("Resolved").FillAsync(resolved);
        await page.GetByLabel("Severity").SelectOptionAsync(severity);
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the review" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/reviews/", StringComparison.Ordinal) && !url.EndsWith("/new", StringComparison.Ordinal));
    }
}

public sealed class ReviewPage(IPage page)
{
    public ILocator EntryTexts => page.GetByTestId("entry-text");

    public ILocator EntryTimes => page.GetByTestId("entry-time");

    /// <summary>Presses Remove on the first moment and answers the browser's question.</summary>
    public async Task RemoveFirstMomentAsync(bool confirm)
    {
        var asked = false;
        void Answer(object? sender, IDialog dialog)
        {
            asked = true;
            _ = confirm ? dialog.AcceptAsync() : dialog.DismissAsync();
        }

        page.Dialog += Answer;
        try
        {
            await page.Locator("button[formaction$='/delete']").First.ClickAsync();
            // Either way, let any form post finish before the test looks at the page.
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }
        finally
        {
            page.Dialog -= Answer;
        }

        Assert.True(asked, "Removing a moment should ask first.");
    }

    public async Task AddMomentAsync(string when, string who, string kind, string what)
    {
        var before = await EntryTexts.CountAsync();
        await page.GetByLabel("When", new() { Exact = true }).FillAsync(when);
        await page.GetByLabel("Who or what").FillAsync(who);
        await page.GetByLabel("Kind", new() { Exact = true }).SelectOptionAsync(kind);
        await page.GetByLabel("What happened").FillAsync(what);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the timeline" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(EntryTexts).ToHaveCountAsync(before + 1);
    }
}

public sealed class FacilitationPage(IPage page)
{
    public async Task AddAsync(string name, string? email, string role)
    {
        var form = page.GetByTestId("participant-form");
        var before = await page.GetByTestId("participant").CountAsync();
        await form.GetByLabel("Name").FillAsync(name);
        if (email is not null)
        {
            await form.GetByLabel("Email").FillAsync(email);
        }

        await form.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = role });
        await form.GetByRole(AriaRole.Button, new() { Name = "Add" }).ClickAsync();
        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("participant")).ToHaveCountAsync(before + 1);
    }
}
