using System.Diagnostics;
using System.Text.Json;
using Fireside.Testing;
using NJsonSchema;

namespace Fireside.Cli.Tests;

/// <summary>`fireside lint` on real files in a temp folder.</summary>
public sealed class LintTests : IDisposable
{
    private readonly TempFolder _folder = new("fireside-lint");

    public void Dispose() => _folder.Dispose();

    private string Write(string relative, string text)
    {
        var path = _folder.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<(int Exit, string Out, string Err)> LintAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(_folder.Path);
        try
        {
            var exit = await FiresideCli.RunAsync(["lint", .. args], output, error);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public async Task CleanFiles_ExitZero()
    {
        Write("review.md", "# Review\n\nSam restarted the web tier at 10:42 UTC.\n");

        var (exit, output, _) = await LintAsync("review.md");

        Assert.Equal(0, exit);
        Assert.Contains("No findings in 1 file.", output);
    }

    [Fact]
    public async Task Json_ListsEachFindingWithOneBasedPositions()
    {
        Write("docs/review.md", "# Review\n\nThe root cause was human error.\n");

        var (exit, output, _) = await LintAsync("--format", "json", "docs");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("files").GetInt32());
        var findings = json.RootElement.GetProperty("findings").EnumerateArray().ToList();
        Assert.Equal(["root-cause", "blame"], findings.Select(f => f.GetProperty("category").GetString()));
        var first = findings[0];
        Assert.Equal("docs/review.md", first.GetProperty("path").GetString());
        Assert.Equal(3, first.GetProperty("line").GetInt32());
        Assert.Equal(5, first.GetProperty("column").GetInt32());
        Assert.Equal(15, first.GetProperty("endColumn").GetInt32());
        Assert.Equal("root cause", first.GetProperty("text").GetString());
        foreach (var field in new[] { "endLine", "rule", "severity", "message", "suggestion" })
        {
            Assert.True(first.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public async Task FailOn_SetsTheThreshold()
    {
        Write("a.md", "> We just restarted it.\n\nObviously it broke.\n");

        Assert.Equal(1, (await LintAsync("a.md")).Exit);
        Assert.Equal(0, (await LintAsync("a.md", "--fail-on", "error")).Exit);
        Write("b.md", "> We just restarted it.\n");
        Assert.Equal(0, (await LintAsync("b.md")).Exit);
        Assert.Equal(1, (await LintAsync("b.md", "--fail-on", "info")).Exit);
    }

    [Fact]
    public async Task Folders_AreSearchedAndExcludesHonoured()
    {
        Write("docs/one.md", "Obviously.\n");
        Write("docs/drafts/two.md", "Obviously.\n");
        Write("docs/notes.txt", "Obviously.\n");
        Write("docs/image.png", "Obviously.\n");
        Write("vendor/three.md", "Obviously.\n");

        var (_, output, _) = await LintAsync("--format", "json", "--exclude", "drafts/", "--exclude", "/vendor", ".");

        using var json = JsonDocument.Parse(output);
        var paths = json.RootElement.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Equal(["docs/notes.txt", "docs/one.md"], paths);
    }

    [Fact]
    public async Task BadFiles_AreReportedAndTheRestStillLinted()
    {
        Write("good.md", "Obviously.\n");
        File.WriteAllBytes(_folder.File("binary.md"), [0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 1]);
        File.WriteAllBytes(_folder.File("latin1.md"), [0x63, 0x61, 0x66, 0xE9, 0x0A]);
        Write("empty.md", "");

        var (exit, output, error) = await LintAsync("--format", "json", ".", "missing.md");

        Assert.Equal(2, exit);
        Assert.Contains("binary.md: looks like a binary file", error);
        Assert.Contains("latin1.md: is not valid UTF-8", error);
        Assert.Contains("missing.md: no such file or folder", error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2, json.RootElement.GetProperty("files").GetInt32());
        Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task HugeLines_AreLinted()
    {
        Write("huge.md", string.Join(' ', Enumerable.Repeat("The queue grew.", 200_000)) + " Obviously the disk was full.\n");

        var (exit, output, _) = await LintAsync("--format", "json", "huge.md");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
    }

    [Fact]
    public async Task Config_FromTheFolder_ChangesTheCoach()
    {
        Write(".fireside.yml", "categories:\n  hindsight: off\nphrases:\n  - phrase: cowboy\n    category: blame\n");
        Write("a.md", "Obviously the cowboy change broke it.\n");

        var (_, output, _) = await LintAsync("--format", "json", "a.md");

        using var json = JsonDocument.Parse(output);
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray());
        Assert.Equal("cowboy", finding.GetProperty("text").GetString());
    }

    [Fact]
    public async Task Config_Malformed_Exits2NamingTheLine()
    {
        Write("a.md", "Obviously.\n");
        var config = Write("coach.yml", "categories:\n  hindsight: sometimes\n");

        var (exit, _, error) = await LintAsync("--config", config, "a.md");

        Assert.Equal(2, exit);
        Assert.Contains("line 2", error);
        Assert.Contains("sometimes", error);
    }

    [Fact]
    public async Task Usage_Errors_Exit2()
    {
        Assert.Equal(2, (await LintAsync()).Exit);
        Assert.Equal(2, (await LintAsync("--format", "xml", "a.md")).Exit);
    }

    [Fact]
    public async Task GitHub_PrintsWorkflowAnnotations()
    {
        Write("a.md", "We just restarted it. The root cause was DNS.\n");

        var (_, output, _) = await LintAsync("--format", "github", "a.md");

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("::notice file=a.md,line=1,col=4,endLine=1,endColumn=8,title=Fireside%3A minimizing::", lines[0]);
        Assert.StartsWith("::warning file=a.md,line=1,col=27,endLine=1,endColumn=37,title=Fireside%3A root-cause::", lines[1]);
    }

    [Fact]
    public async Task Sarif_ValidatesAgainstTheSchema()
    {
        Write("docs/review.md", "The root cause was human error.\n\n> We just restarted it.\n");
        File.WriteAllBytes(_folder.File("docs/bad.md"), [0xFF, 0xFE, 0x00]);

        var (_, output, _) = await LintAsync("--format", "sarif", "docs");

        var schema = await JsonSchema.FromJsonAsync(await File.ReadAllTextAsync(SarifSchemaPath()));
        var errors = schema.Validate(output);
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path}: {e.Kind}")) + "\n" + output);
        using var json = JsonDocument.Parse(output);
        var run = json.RootElement.GetProperty("runs")[0];
        var results = run.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(3, results.Count);
        Assert.Equal("docs/review.md", results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("note", results[2].GetProperty("level").GetString());
        Assert.False(run.GetProperty("invocations")[0].GetProperty("executionSuccessful").GetBoolean());
    }

    /// <summary>The real SARIF schema, fetched from npm by tests/tools/fetch-sarif-schema.sh when missing.</summary>
    private static string SarifSchemaPath()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Fireside.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        var schema = Path.Combine(root.FullName, ".tools", "sarif-schema-2.1.0.json");
        if (!File.Exists(schema))
        {
            using var fetch = Process.Start(new ProcessStartInfo("bash", [Path.Combine(root.FullName, "tests", "tools", "fetch-sarif-schema.sh")]) { RedirectStandardError = true })!;
            fetch.WaitForExit(TimeSpan.FromMinutes(2));
            Assert.True(File.Exists(schema), $"Could not fetch the SARIF schema with npm: {fetch.StandardError.ReadToEnd()}");
        }

        return schema;
    }

    [Fact]
    public async Task OurOwnDocs_PassOurOwnCoach()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Fireside.slnx")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await FiresideCli.RunAsync(["lint", Path.Combine(root.FullName, "README.md"), Path.Combine(root.FullName, "docs")], output, error);

        Assert.True(exit == 0, output.ToString() + error);
    }

    [Fact]
    public void InsightsWords_PassOurOwnCoach()
    {
        var charts = Fireside.Core.Library.Insights.From(new([], [], ["counterfactual"], Fireside.Core.Meetings.Survey.Statements, DateTime.UtcNow));
        var coach = new Fireside.Language.LanguageCoach();

        var findings = charts.SelectMany(c => new[] { c.Title, c.Why }.Concat(c.Columns))
            .SelectMany(text => coach.Check(text).Select(f => $"{text}: {f.Message}"))
            .ToList();

        Assert.Equal(8, charts.Count);
        Assert.Empty(findings);
    }
}
