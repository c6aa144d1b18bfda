using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Fireside.Browser.Tests;

/// <summary>A facilitator's path: from a new review to a meeting on everyone's calendar.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FacilitationPathTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static string Local(DateTime time) => time.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task FromANewReview_ToAScheduledMeetingWithTheInvitationSent()
    {
        var page = await fixture.NewPageAsync();
        var resolved = DateTime.UtcNow.Date.AddHours(-2);
        var meetingAt = DateTime.UtcNow.Date.AddDays(3).AddHours(10);

        await BrowserFixture.StepsAsync(page, "facilitation-path", async () =>
        {
            await page.GotoAsync("/");
            await new SetupPage(page).CreateAdminAsync("grace@example.com", "Grace", "correct horse battery", "UTC");
            await page.GetByRole(AriaRole.Link, new() { Name = "Start a review" }).ClickAsync();
            await new ReviewEditorPage(page).StartAsync("Search latency", Local(resolved.AddHours(-1)), Local(resolved), "SEV2");
            await page.GetByTestId("facilitation-link").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Facilitation: Search latency" })).ToBeVisibleAsync();

            var roles = new FacilitationPage(page);
            await roles.AddAsync("Grace", "grace@example.com", "Facilitator");
            await Expect(page.GetByTestId("guardrail").Filter(new() { HasText = "No note taker yet" })).ToBeVisibleAsync();
            await Expect(page.GetByTestId("guardrail").Filter(new() { HasText = "Grace has facilitated 0 reviews so far" })).ToBeVisibleAsync();
            await roles.AddAsync("Lee", null, "Note taker");
            await roles.AddAsync("Priya", "priya@example.com", "Actor");
            await Expect(page.GetByTestId("guardrail").Filter(new() { HasText = "No note taker yet" })).ToHaveCountAsync(0);
            await Expect(page.GetByTestId("readiness-item").Filter(new() { HasText = "Roles filled" })).ToHaveClassAsync("done");

            await page.GetByLabel("Propose a time").FillAsync(Local(meetingAt));
            await page.GetByRole(AriaRole.Button, new() { Name = "Propose" }).ClickAsync();
            await Expect(page.GetByTestId("meeting-fit")).ToContainTextAsync("within 7 days of the incident");
            await Expect(page.GetByTestId("invitees")).ToContainTextAsync("Priya: asked to come");
            await Expect(page.GetByTestId("invitees")).ToContainTextAsync("Lee: welcome, optional (no email, so share the link)");

            var ics = await page.Context.APIRequest.GetAsync((await page.GetByTestId("ics").GetAttributeAsync("href"))!);
            Assert.Contains("BEGIN:VCALENDAR", await ics.TextAsync());
            Assert.Contains($"DTSTART:{meetingAt:yyyyMMdd'T'HHmmss}Z", await ics.TextAsync());

            await page.GetByTestId("send-invite").ClickAsync();
            await Expect(page.GetByTestId("done")).ToHaveTextAsync("Sent by email.");
            await Expect(page.GetByTestId("readiness-item").Filter(new() { HasText = "Invite sent" })).ToHaveClassAsync("done");
            await Expect(page.GetByTestId("readiness-item").Filter(new() { HasText = "Meeting scheduled" })).ToHaveClassAsync("done");
            var (recipients, _) = Assert.Single(fixture.Smtp.Messages);
            Assert.Equal(["grace@example.com", "priya@example.com"], recipients.Order());
            await BrowserFixture.ScreenshotAsync(page, "08-facilitation-meeting-scheduled");

            await page.GetByRole(AriaRole.Link, new() { Name = "Back to the review" }).ClickAsync();
            await Expect(page.GetByTestId("facilitation-summary")).ToContainTextAsync($"facilitated by Grace · meeting {meetingAt:yyyy-MM-dd HH:mm} UTC");
        });
    }
}
