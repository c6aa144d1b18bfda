namespace Fireside.Language.Tests;

public sealed class CoachBehaviourTests
{
    private static readonly LanguageCoach Coach = new();

    [Fact]
    public void Finding_GivesTheExactSpanAndAdvice()
    {
        var text = "# Review\n\nAt 10:42 Sam should've rolled back.\n";

        var finding = Assert.Single(Coach.Check(text));

        Assert.Equal(Category.Counterfactual, finding.Category);
        Assert.Equal("counterfactual.modal-perfect", finding.Rule);
        Assert.Equal("should've rolled", finding.Text);
        Assert.Equal((3, 14, 3, 30), (finding.Line, finding.Column, finding.EndLine, finding.EndColumn));
        Assert.Equal("should've rolled", text[finding.Start..finding.End]);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.False(string.IsNullOrWhiteSpace(finding.Message));
        Assert.False(string.IsNullOrWhiteSpace(finding.Suggestion));
    }

    [Fact]
    public void Markdown_CodeIsNeverFlagged()
    {
        var text = """
            Run `just restart` to recover.

            ```bash
            # the root cause was obviously human error
            just deploy
            ```

                obviously indented code

            ~~~
            simply a fence
            ~~~
            """;

        Assert.Empty(Coach.Check(text));
    }

    [Fact]
    public void Markdown_QuotesAreReportedAsInfo()
    {
        var text = "> They should have restarted it.\n\nPriya wrote in chat: \"the root cause is obviously DNS\".\n\nThey should have restarted it.";

        var findings = Coach.Check(text);

        Assert.Equal(Severity.Info, findings.Single(f => f.Line == 1).Severity);
        Assert.All(findings.Where(f => f.Line == 3), f => Assert.Equal(Severity.Info, f.Severity));
        Assert.Contains(findings, f => f.Line == 3 && f.Category == Category.RootCause);
        Assert.Equal(Severity.Warning, findings.Single(f => f.Line == 5).Severity);
    }

    [Fact]
    public void Markdown_LinkTargetsAndUrlsAreNotProse()
    {
        Assert.Empty(Coach.Check("See [the graph](https://grafana.example.com/d/just-simply-obviously) and https://example.com/root-cause."));
    }

    [Fact]
    public void InlineControl_DisablesAndEnablesCategories()
    {
        var text = """
            <!-- fireside-disable minimizing -->
            We just restarted it. Obviously.
            <!-- fireside-enable minimizing -->
            We just restarted it again.
            <!-- fireside-disable-next-line -->
            The root cause was DNS.
            The root cause was DNS.
            """;

        var findings = Coach.Check(text);

        Assert.Equal(
            ["2 hindsight", "4 minimizing", "7 root-cause"],
            findings.Select(f => $"{f.Line} {f.Category.Name()}"));
    }

    [Fact]
    public void InlineControl_DisableWithoutCategoriesSilencesEverything()
    {
        Assert.Empty(Coach.Check("<!-- fireside-disable -->\nObviously we just should have known."));
    }

    [Fact]
    public void Options_ChangeSeveritiesTurnThingsOffAndAddPhrases()
    {
        var options = CoachOptions.FromYaml("""
            categories:
              minimizing: off
              blame: error
            rules:
              hindsight.obvious: off
            phrases:
              - phrase: cowboy deploy
                category: blame
                message: This labels the person instead of the change.
                suggestion: Describe the deploy and what it skipped.
            """);
        var coach = new LanguageCoach(options);

        var findings = coach.Check("Obviously it was a cowboy deploy. We just restarted. Operator error, in hindsight.");

        Assert.DoesNotContain(findings, f => f.Category == Category.Minimizing);
        Assert.DoesNotContain(findings, f => f.Rule == "hindsight.obvious");
        var custom = Assert.Single(findings, f => f.Rule == "custom");
        Assert.Equal("cowboy deploy", custom.Text);
        Assert.Equal("This labels the person instead of the change.", custom.Message);
        Assert.Equal(Severity.Error, findings.Single(f => f.Rule == "blame.human-error").Severity);
        Assert.Contains(findings, f => f.Rule == "hindsight.in-hindsight");
    }

    [Theory]
    [InlineData("categories:\n  blam: error\n", "line 2")]
    [InlineData("categories:\n  blame: loud\n", "\"loud\" is not a severity")]
    [InlineData("colours: red\n", "\"colours\" is not a setting")]
    [InlineData("categories: [oops\n", "not valid YAML")]
    [InlineData("phrases:\n  - phrase: x\n", "needs a category")]
    public void Options_BadConfig_SaysWhatAndWhere(string yaml, string expected)
    {
        var error = Assert.Throws<CoachConfigException>(() => CoachOptions.FromYaml(yaml));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void TheCoachsOwnWords_PassTheCoach()
    {
        foreach (var (rule, (message, suggestion)) in Advice.All)
        {
            Assert.True(Coach.Check(message, TextKind.Plain).Count == 0, $"{rule} message: {string.Join("; ", Coach.Check(message, TextKind.Plain).Select(f => f.Text))}");
            Assert.True(Coach.Check(suggestion, TextKind.Plain).Count == 0, $"{rule} suggestion: {string.Join("; ", Coach.Check(suggestion, TextKind.Plain).Select(f => f.Text))}");
        }
    }

    [Fact]
    public void Text_WithOddInput_DoesNotThrow()
    {
        Assert.Empty(Coach.Check(""));
        Assert.Empty(Coach.Check("\n\n\r\n"));
        Assert.Empty(Coach.Check("```\nunclosed fence just obviously"));
        Assert.Empty(Coach.Check("<!-- unclosed comment obviously"));
        Assert.NotEmpty(Coach.Check(new string('x', 100_000) + " obviously"));
        Assert.NotEmpty(Coach.Check("Đã rõ ràng. مرحبا \U0001F525 We just restarted."));
    }
}
