using System.Text.Json;
using Fireside.Testing;

namespace Fireside.Cli.Tests;

/// <summary>Runs the `fireside` command in-process against a SQLite file of its own.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TempFolder _folder = new("fireside-cli");

    private string Database => _folder.File("fireside.db");

    public void Dispose() => _folder.Dispose();

    private async Task<(int Exit, string Out, string Err)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await FiresideCli.RunAsync([.. args, "--database", Database], output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Help_ListsTheCommands()
    {
        var (exit, output, _) = await RunAsync("--help");

        Assert.Equal(0, exit);
        foreach (var command in new[] { "db", "reviews", "users", "tokens" })
        {
            Assert.Contains(command, output);
        }
    }

    [Fact]
    public async Task DbMigrate_CreatesTheDatabaseFile()
    {
        var (exit, output, error) = await RunAsync("db", "migrate");

        Assert.True(exit == 0, error);
        Assert.Contains("up to date", output);
        Assert.True(File.Exists(Database));
    }

    [Fact]
    public async Task ReviewsCreate_PrintsAnIdThatShowAndListFind()
    {
        var (exit, output, error) = await RunAsync("reviews", "create", "--title", "Queue backlog", "--started", "2026-11-20T10:00:00Z", "--resolved", "2026-11-20T12:00:00+01:00", "--severity", "sev3");
        Assert.True(exit == 0, error);
        var id = Guid.Parse(output.Trim());

        var show = await RunAsync("reviews", "show", id.ToString());
        var list = await RunAsync("reviews", "list", "--json");

        Assert.Contains("# Queue backlog", show.Out);
        Assert.Contains("**Impact:** 1 h 00 min", show.Out);
        using var json = JsonDocument.Parse(list.Out);
        var review = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal(id, review.GetProperty("id").GetGuid());
        Assert.Equal("SEV3", review.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task ReviewsCreate_WithJson_PrintsTheWholeReview()
    {
        var (exit, output, _) = await RunAsync("reviews", "create", "--title", "DNS", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("DNS", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("draft", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ReviewsCreate_WithBadInput_Exits2AndNamesEachOption()
    {
        var (exit, _, error) = await RunAsync("reviews", "create", "--title", " ", "--started", "last tuesday", "--severity", "SEV9");

        Assert.Equal(2, exit);
        Assert.Contains("--title:", error);
        Assert.Contains("--started:", error);
        Assert.Contains("--severity:", error);
        var list = await RunAsync("reviews", "list", "--json");
        Assert.Equal("[]", list.Out.Trim());
    }

    [Fact]
    public async Task ReviewsCreate_EndBeforeStart_Exits2()
    {
        var (exit, _, error) = await RunAsync("reviews", "create", "--title", "Backwards", "--started", "2026-11-20T10:00:00Z", "--resolved", "2026-11-20T09:00:00Z");

        Assert.Equal(2, exit);
        Assert.Contains("--resolved:", error);
    }

    [Fact]
    public async Task ReviewsShow_UnknownId_Exits1WithAMessage()
    {
        var (exit, _, error) = await RunAsync("reviews", "show", Guid.NewGuid().ToString());

        Assert.Equal(1, exit);
        Assert.Contains("There is no review with id", error);
    }

    [Fact]
    public async Task ReviewsExport_WritesMarkdownOrJsonToAFile()
    {
        var id = (await RunAsync("reviews", "create", "--title", "Export")).Out.Trim();
        var file = _folder.File("export.json");

        var markdown = await RunAsync("reviews", "export", id, "--format", "markdown");
        var json = await RunAsync("reviews", "export", id, "--format", "json", "--output", file);
        var bad = await RunAsync("reviews", "export", id, "--format", "pdf");

        Assert.StartsWith("# Export", markdown.Out);
        Assert.Equal(0, json.Exit);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal("Export", document.RootElement.GetProperty("review").GetProperty("title").GetString());
        Assert.NotEqual(0, bad.Exit);
    }

    [Fact]
    public async Task UsersAndTokens_CreateAnAccountAndAToken()
    {
        var user = await RunAsync("users", "create", "--email", "ops@example.com", "--password", "long enough password", "--admin");
        var token = await RunAsync("tokens", "create", "--email", "ops@example.com");
        var nobody = await RunAsync("tokens", "create", "--email", "nobody@example.com");
        var weak = await RunAsync("users", "create", "--email", "weak@example.com", "--password", "short");

        Assert.True(user.Exit == 0, user.Err);
        Assert.Contains("(admin)", user.Out);
        Assert.Equal(0, token.Exit);
        Assert.Matches("^fs_[A-Za-z0-9_-]{40,}$", token.Out.Trim());
        Assert.Equal(1, nobody.Exit);
        Assert.Contains("no account", nobody.Err);
        Assert.Equal(2, weak.Exit);
        Assert.Contains("10", weak.Err);
    }

    [Fact]
    public async Task DbBackup_CopiesTheDataAndWillNotOverwrite()
    {
        var id = (await RunAsync("reviews", "create", "--title", "Worth keeping")).Out.Trim();
        var copy = _folder.File("backup.db");

        var backup = await RunAsync("db", "backup", copy);
        var again = await RunAsync("db", "backup", copy);

        Assert.True(backup.Exit == 0, backup.Err);
        Assert.Equal(2, again.Exit);
        Assert.Contains("already exists", again.Err);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await FiresideCli.RunAsync(["reviews", "show", id, "--database", copy], output, error);
        Assert.True(exit == 0, error.ToString());
        Assert.Contains("# Worth keeping", output.ToString());
    }

    [Fact]
    public async Task Import_PrintsOneSummaryLine_AndIsIdempotent()
    {
        var id = (await RunAsync("reviews", "create", "--title", "Imported")).Out.Trim();
        var csv = _folder.File("timeline.csv");
        await File.WriteAllTextAsync(csv, "time,actor,text\n2026-11-20 11:00:00,Priya,Rolled back\n2026-11-20 11:05:00,Sam,Watched the error rate\n");

        var first = await RunAsync("import", "csv", csv, "--review", id, "--timezone", "Europe/Berlin");
        var again = await RunAsync("import", "csv", csv, "--review", id, "--timezone", "Europe/Berlin");
        var show = await RunAsync("reviews", "show", id, "--json");

        Assert.True(first.Exit == 0, first.Err);
        Assert.Equal("imported 2 entries, 0 duplicates skipped, 2 actors", first.Out.Trim());
        Assert.Equal("imported 0 entries, 2 duplicates skipped, 0 actors", again.Out.Trim());
        using var json = JsonDocument.Parse(show.Out);
        Assert.Equal("2026-11-20T10:00:00+00:00", json.RootElement.GetProperty("timeline")[0].GetProperty("occurredAt").GetString());
    }

    [Fact]
    public async Task Import_MalformedInput_Exits2WithTheReasonAndImportsNothing()
    {
        var id = (await RunAsync("reviews", "create", "--title", "Imported")).Out.Trim();
        var log = _folder.File("ops.log");
        await File.WriteAllTextAsync(log, "[10:00] <priya> hello\n[10:01] <sam> hi\ngarbage line\n");

        var noDate = await RunAsync("import", "chat", log, "--review", id);
        var bad = await RunAsync("import", "chat", log, "--review", id, "--date", "2026-11-20");
        var zone = await RunAsync("import", "chat", log, "--review", id, "--timezone", "Mars/Olympus");
        var show = await RunAsync("reviews", "show", id, "--json");

        Assert.Equal(2, noDate.Exit);
        Assert.Contains("--date", noDate.Err);
        Assert.Equal(2, bad.Exit);
        Assert.Contains("ops.log, line 3", bad.Err);
        Assert.Contains("Nothing was imported", bad.Err);
        Assert.Equal(2, zone.Exit);
        Assert.Contains("Mars/Olympus", zone.Err);
        using var json = JsonDocument.Parse(show.Out);
        Assert.Equal(0, json.RootElement.GetProperty("timeline").GetArrayLength());
    }

    [Fact]
    public async Task Accounts_SwitchedOffAndOn_TokensListedAndRevoked_AndAResetLinkPrinted()
    {
        await RunAsync("users", "create", "--email", "ops@example.com", "--password", "long enough password");
        var token = await RunAsync("tokens", "create", "--email", "ops@example.com", "--name", "CI", "--expires", "2030-01-01T00:00:00Z");
        var list = await RunAsync("tokens", "list", "--email", "ops@example.com");
        var id = list.Out.Split(' ', 2)[0];
        var revoke = await RunAsync("tokens", "revoke", id);
        var listed = await RunAsync("tokens", "list");
        var off = await RunAsync("users", "disable", "ops@example.com");
        var on = await RunAsync("users", "enable", "ops@example.com");
        var reset = await RunAsync("users", "reset-password", "ops@example.com");
        var nobody = await RunAsync("users", "disable", "nobody@example.com");
        var audit = await RunAsync("audit", "--person", "ops@example.com");
        var auditJson = await RunAsync("audit", "--kind", "token-revoked", "--json");
        var badAudit = await RunAsync("audit", "--kind", "everything");
        var common = await RunAsync("users", "create", "--email", "weak@example.com", "--password", "password123");

        Assert.Equal(0, token.Exit);
        Assert.StartsWith("fs_", token.Out.Trim());
        Assert.Contains("CI", list.Out);
        Assert.Contains("expires 2030-01-01", list.Out);
        Assert.Equal((0, ""), (revoke.Exit, revoke.Err));
        Assert.Contains("revoked", listed.Out);
        Assert.Equal((0, 0), (off.Exit, on.Exit));
        Assert.Contains("Switched off ops@example.com", off.Out);
        Assert.Equal(0, reset.Exit);
        Assert.Contains("/account/reset?user=", reset.Out);
        Assert.Equal(1, nobody.Exit);
        Assert.Equal(2, common.Exit);
        Assert.Contains("tried first", common.Err);

        // The audit log kept each of these, newest first, as the command line's operator did them.
        Assert.True(audit.Exit == 0, audit.Err);
        var kinds = audit.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1].Trim()).ToList();
        Assert.Equal(["password-reset-started", "account-enabled", "account-disabled", "token-revoked", "token-created", "account-added"], kinds);
        Assert.Contains("by Fireside command line", audit.Out);
        Assert.Equal("CI", JsonDocument.Parse(auditJson.Out).RootElement.GetProperty("events")[0].GetProperty("subject").GetString());
        Assert.Equal(2, badAudit.Exit);
        Assert.Contains("access-granted", badAudit.Err);
    }

    [Fact]
    public async Task Search_FindsReviews_AndPrintsTheApisShapeAsJson()
    {
        await RunAsync("reviews", "create", "--title", "Database failover stalled", "--started", "2026-03-01T10:00:00Z");
        await RunAsync("reviews", "create", "--title", "Checkout slow after a deploy", "--started", "2025-03-01T10:00:00Z");

        var (exit, output, error) = await RunAsync("search", "failovers");
        var json = await RunAsync("search", "deploy", "OR", "failover", "--from", "2026-01-01", "--json");

        Assert.True(exit == 0, error);
        Assert.Contains("One review matches failovers", output);
        Assert.Contains("Database [failover] stalled", output);
        using var document = JsonDocument.Parse(json.Out);
        Assert.Equal(1, document.RootElement.GetProperty("total").GetInt32());
        Assert.Equal("Database failover stalled", document.RootElement.GetProperty("results")[0].GetProperty("title").GetString());
        Assert.Equal(1, document.RootElement.GetProperty("facets").GetProperty("years").GetProperty("2026").GetInt32());
    }

    [Fact]
    public async Task Search_WithBadInput_SaysWhatIsWrong()
    {
        var (exit, _, error) = await RunAsync("search", "checkout", "--from", "2026-13-01", "--limit", "500");
        var nothing = await RunAsync("search", "\"*\"");

        Assert.Equal(2, exit);
        Assert.Contains("--from: Dates look like", error);
        Assert.Equal(2, nothing.Exit);
        Assert.Contains("query: There are no words to look for", nothing.Err);
    }

    [Fact]
    public async Task SearchReindex_RebuildsTheIndex()
    {
        await RunAsync("reviews", "create", "--title", "Database failover stalled");

        var (exit, output, error) = await RunAsync("search", "reindex");

        Assert.True(exit == 0, error);
        Assert.Contains("The search index holds 1 review again", output);
        Assert.Contains("One review matches", (await RunAsync("search", "failover")).Out);
    }

    [Fact]
    public async Task ReviewsImport_TakesFilesAndFolders_ImportsTheGoodOnes_AndNamesTheBad()
    {
        var first = (await RunAsync("reviews", "create", "--title", "Database failover stalled")).Out.Trim();
        var second = (await RunAsync("reviews", "create", "--title", "Checkout slow")).Out.Trim();
        var folder = Directory.CreateDirectory(_folder.File("exports")).FullName;
        await RunAsync("reviews", "export", first, "--format", "json", "--output", Path.Combine(folder, "a.json"));
        await RunAsync("reviews", "export", second, "--format", "json", "--output", Path.Combine(folder, "b.json"));
        await File.WriteAllTextAsync(Path.Combine(folder, "c.json"), "{ \"format\": \"fireside-review/1\", \"review\": ");
        var fresh = _folder.File("fresh.db");

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await FiresideCli.RunAsync(["reviews", "import", folder, _folder.File("missing.json"), "--database", fresh], output, error);
        using var listOut = new StringWriter();
        await FiresideCli.RunAsync(["reviews", "list", "--database", fresh], listOut, new StringWriter());

        Assert.Equal(2, exit);
        Assert.Contains("2 reviews imported; 2 files could not be imported (named above).", output.ToString());
        Assert.Contains("c.json", error.ToString());
        Assert.Contains("missing.json: there is no such file or folder.", error.ToString());
        Assert.Contains("Database failover stalled", listOut.ToString());
        Assert.Contains("Checkout slow", listOut.ToString());
    }
}
