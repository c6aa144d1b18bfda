using Fireside.Web.Tests;
using Microsoft.Playwright;

namespace Fireside.Browser.Tests;

/// <summary>
/// Fireside on a real Kestrel port and Debian's Chromium driven by Playwright.
/// Screenshots go to artifacts/ at the repository root.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public FiresideApp App { get; } = new();

    /// <summary>Where the app's email goes: a local SMTP sink, so invitations can be checked.</summary>
    public Fireside.Testing.SmtpSink Smtp { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = default!;

    public static string ArtifactsFolder { get; } = FindArtifacts();

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}. Run ./test.sh, which installs it with apt-get, or `apt-get install chromium`.");
        }

        App.Settings["Notifications:Smtp:Host"] = "127.0.0.1";
        App.Settings["Notifications:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        App.Settings["Notifications:Smtp:Security"] = "None";
        // Tests read insights right after writing reviews: count them on every view.
        App.Settings["Insights:KeepSeconds"] = "0";
        await BeforeStartAsync();
        App.UseKestrel(0);
        App.StartServer();
        BaseAddress = App.ClientOptions.BaseAddress;
        using (var client = App.CreateClient())
        {
            BaseAddress = client.BaseAddress!;
        }

        await AfterStartAsync();
        Assertions.SetDefaultExpectTimeout(30_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
    }

    /// <summary>For a fixture that needs more around the app: runs before it starts (its settings can still change).</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>Runs once the app answers at <see cref="BaseAddress"/>.</summary>
    protected virtual Task AfterStartAsync() => Task.CompletedTask;

    /// <summary>A page in a fresh browser context, optionally in a given time zone (as a person's own machine would be).</summary>
    public async Task<IPage> NewPageAsync(string? timeZone = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new() { Width = 1280, Height = 900 },
            TimezoneId = timeZone,
            // Tests also call the API through the page's context (its cookie); say they come from Fireside's own pages, as page scripts do.
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Origin"] = BaseAddress.GetLeftPart(UriPartial.Authority) },
        });
        context.SetDefaultTimeout(45_000);
        context.SetDefaultNavigationTimeout(45_000);
        var page = await context.NewPageAsync();
        var refused = Refusals.GetOrCreateValue(page);
        // The Content-Security-Policy allows scripts from Fireside only; anything it blocks shows up here and fails the test.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (refused)
                {
                    refused.Add(message.Text);
                }
            }
        };
        return page;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> Refusals = [];

    /// <summary>Runs a browser test's steps; when one fails, the page as it was is saved to artifacts/ to show what went wrong.</summary>
    public static async Task StepsAsync(IPage page, string name, Func<Task> steps)
    {
        try
        {
            await steps();
            var refused = Refusals.GetOrCreateValue(page);
            lock (refused)
            {
                Assert.True(refused.Count == 0, "The page's Content-Security-Policy blocked something:\n" + string.Join("\n", refused));
            }
        }
        catch
        {
            await ScreenshotAsync(page, $"failed-{name}");
            throw;
        }
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsFolder, $"{name}.png"), FullPage = true });

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        App.Dispose();
        await Smtp.DisposeAsync();
    }

    private static string FindArtifacts()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Fireside.slnx")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }
}

/// <summary>
/// Browser tests run one class at a time: each starts its own app and Chromium, and on two cores two
/// of them side by side (next to the other test projects) only make each other slow.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    public const string Name = "Browser";
}
