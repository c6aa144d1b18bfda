using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fireside.Browser.Tests;

/// <summary>The live room: a facilitator and a note taker in two browsers see each other's changes, a late joiner sees where the room is, and notes survive a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MeetingRoomTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string Password = "correct horse battery";

    private static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/account/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    private static async Task<IPage> EnterAsync(IPage page, Guid review)
    {
        await page.GotoAsync($"/reviews/{review}/room");
        await Expect(page.Locator("[data-connection]")).ToHaveTextAsync("Live");
        return page;
    }

    [Fact]
    public async Task FacilitatorAndNoteTaker_SeeEachOther_ALateJoinerCatchesUp_AndNotesSurviveAReload()
    {
        var facilitator = await fixture.NewPageAsync();
        var noteTaker = await fixture.NewPageAsync();
        var review = Guid.Empty;

        await BrowserFixture.StepsAsync(facilitator, "meeting-room", async () =>
        {
            await facilitator.GotoAsync("/");
            await new SetupPage(facilitator).CreateAdminAsync("ada@example.com", "Ada", Password, "UTC");
            var api = facilitator.Context.APIRequest;
            var created = await api.PostAsync("/api/reviews", new() { DataObject = new { title = "Cart outage", resolvedAt = "2026-11-20T11:00:00Z" } });
            review = (await created.JsonAsync())!.Value.GetProperty("id").GetGuid();
            foreach (var (at, who, text, turn) in new[]
            {
                ("2026-11-20T10:00:00Z", "Priya", "Deployed cart v42", true),
                ("2026-11-20T10:05:00Z", "Sam", "Latency alert fired", false),
                ("2026-11-20T10:20:00Z", "Priya", "Rolled back to v41", true),
            })
            {
                await api.PostAsync($"/api/reviews/{review}/timeline", new() { DataObject = new { occurredAt = at, actor = who, text, isInflectionPoint = turn } });
            }

            await api.PostAsync("/api/users", new() { DataObject = new { email = "lee@example.com", displayName = "Lee", password = Password, admin = false, timeZone = "UTC" } });
            await api.PostAsync($"/api/reviews/{review}/participants", new() { DataObject = new { name = "Ada", email = "ada@example.com", role = "facilitator" } });
            await api.PostAsync($"/api/reviews/{review}/participants", new() { DataObject = new { name = "Lee", email = "lee@example.com", role = "noteTaker" } });

            await SignInAsync(noteTaker, "lee@example.com");
            await EnterAsync(facilitator, review);
            await EnterAsync(noteTaker, review);
            await Expect(noteTaker.GetByTestId("room-state")).ToHaveTextAsync("Waiting to start");
            await Expect(noteTaker.Locator("[data-action]")).ToHaveCountAsync(0);

            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
            await Expect(noteTaker.GetByTestId("room-state")).ToHaveTextAsync("Running");
            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Next part" }).ClickAsync();
            await Expect(noteTaker.GetByTestId("section-name")).ToHaveTextAsync("The story, along the timeline");
            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Next moment" }).ClickAsync();
            await Expect(noteTaker.GetByTestId("current-moment")).ToContainTextAsync("Priya: Deployed cart v42 (inflection point)");
            await Expect(noteTaker.GetByTestId("pace")).ToHaveTextAsync("1 of 2 inflection points covered.");
            await Expect(facilitator.GetByTestId("attendance")).ToContainTextAsync("Lee");

            await noteTaker.GetByTestId("note-section").FillAsync("Priya expected the canary to catch cache errors. Obviously it was the cache.");
            await Expect(noteTaker.GetByTestId("note-status")).ToHaveTextAsync("Saved.");
            await Expect(noteTaker.Locator(".coach-backdrop mark").First).ToHaveTextAsync("Obviously");
            await Expect(facilitator.GetByTestId("notes-view")).ToContainTextAsync("Priya expected the canary to catch cache errors.");
            await noteTaker.GetByPlaceholder("That deserves more time…").FillAsync("Why the canary only samples reads");
            await noteTaker.GetByRole(AriaRole.Button, new() { Name = "Pin it" }).ClickAsync();
            await Expect(facilitator.GetByTestId("parking-lot")).ToContainTextAsync("Why the canary only samples reads (Lee)");

            // A late joiner sees where the room is, not where it started.
            var late = await fixture.NewPageAsync();
            await SignInAsync(late, "ada@example.com");
            await EnterAsync(late, review);
            await Expect(late.GetByTestId("room-state")).ToHaveTextAsync("Running");
            await Expect(late.GetByTestId("section-name")).ToHaveTextAsync("The story, along the timeline");
            await Expect(late.GetByTestId("current-moment")).ToContainTextAsync("Deployed cart v42");
            await Expect(late.GetByTestId("notes-view")).ToContainTextAsync("Priya expected the canary");
            await Expect(late.GetByTestId("parking-lot")).ToContainTextAsync("Why the canary only samples reads");

            // Typing, then the page reloads at once (before the save went out): nothing typed is lost.
            await noteTaker.GetByTestId("note-entry").PressSequentiallyAsync("Sam saw latency first");
            await noteTaker.ReloadAsync();
            await Expect(noteTaker.Locator("[data-connection]")).ToHaveTextAsync("Live");
            await Expect(noteTaker.GetByTestId("note-status")).ToHaveTextAsync("Saved.");
            await Expect(noteTaker.GetByTestId("note-entry")).ToHaveValueAsync("Sam saw latency first");
            await Expect(facilitator.GetByTestId("notes-view")).ToContainTextAsync("Sam saw latency first");

            // The room moves on while the note taker is in the middle of a note: the field follows the room.
            await noteTaker.GetByTestId("note-section").FocusAsync();
            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Next part" }).ClickAsync();
            await Expect(noteTaker.GetByTestId("section-name")).ToHaveTextAsync("Questions, starting from the parking lot");
            await Expect(noteTaker.GetByTestId("note-section")).ToHaveValueAsync("");
            await noteTaker.GetByTestId("note-section").PressSequentiallyAsync("Canary questions first");
            await Expect(facilitator.GetByTestId("notes-view")).ToContainTextAsync("Questions, starting from the parking lot: Canary questions first");
            await Expect(facilitator.GetByTestId("notes-view")).ToContainTextAsync("The story, along the timeline: Priya expected the canary");

            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
            await Expect(noteTaker.GetByTestId("room-state")).ToHaveTextAsync("Paused");
            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Show the reminder card" }).ClickAsync();
            await Expect(facilitator.GetByTestId("reminder")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(facilitator, "09-meeting-room-reminder");
            await facilitator.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await BrowserFixture.ScreenshotAsync(noteTaker, "10-meeting-room-note-taker");
        });
    }
}
