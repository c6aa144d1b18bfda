using System.CommandLine;
using System.Reflection;
using Fireside.Language;

namespace Fireside.Cli.Lint;

/// <summary>`fireside lint`: the language coach for Markdown and text files, made for CI.</summary>
public static class LintCommand
{
    public const string ConfigFileName = ".fireside.yml";

    public static Command Create(TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to lint (folders are searched for .md, .markdown, .mdx, .txt and .text files).", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string>("--format") { Description = "text, json, sarif or github (workflow annotations).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "sarif", "github");
        var failOn = new Option<string>("--fail-on") { Description = "Exit with 1 when a finding is at or above this severity: info, warning or error.", DefaultValueFactory = _ => "warning" };
        failOn.AcceptOnlyFromAmong("info", "warning", "error");
        var exclude = new Option<string[]>("--exclude") { Description = ".gitignore-style pattern of files or folders to skip; repeat for more.", AllowMultipleArgumentsPerToken = false };
        var config = new Option<FileInfo?>("--config") { Description = $"The coach's settings; by default the nearest {ConfigFileName} from the current folder up." };

        var command = new Command("lint", "Point out blame, hindsight, counterfactuals, root-cause talk and minimizing in Markdown and text files.")
        {
            paths, format, failOn, exclude, config,
        };
        command.SetAction(result => Run(
            output,
            error,
            result.GetValue(paths) ?? [],
            result.GetValue(format)!,
            Enum.Parse<Severity>(result.GetValue(failOn)!, ignoreCase: true),
            result.GetValue(exclude) ?? [],
            result.GetValue(config)));
        return command;
    }

    public static int Run(TextWriter output, TextWriter error, IReadOnlyList<string> paths, string format, Severity failOn, IReadOnlyList<string> excludes, FileInfo? config)
    {
        CoachOptions options;
        try
        {
            options = LoadOptions(config);
        }
        catch (LintInputException e)
        {
            error.WriteLine(e.Message);
            return FiresideCli.BadInput;
        }

        var files = new LintFiles(new LanguageCoach(options), excludes);
        var results = new List<FileResult>();
        foreach (var (path, problem) in files.Expand(paths))
        {
            results.Add(problem is null ? files.Lint(path) : new FileResult(path, [], problem));
        }

        foreach (var broken in results.Where(r => r.Error is not null))
        {
            error.WriteLine($"{LintReport.Path(broken.Path)}: {broken.Error}");
        }

        switch (format)
        {
            case "json":
                LintReport.Json(output, results);
                break;
            case "sarif":
                LintReport.Sarif(output, results, typeof(LintCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0");
                break;
            case "github":
                LintReport.GitHub(output, results);
                break;
            default:
                LintReport.Text(output, results);
                break;
        }

        if (results.Any(r => r.Error is not null))
        {
            return FiresideCli.BadInput;
        }

        return results.Any(r => r.Findings.Any(f => f.Severity >= failOn)) ? FiresideCli.Failed : FiresideCli.Ok;
    }

    private static CoachOptions LoadOptions(FileInfo? config)
    {
        var path = config?.FullName ?? FindConfig(Directory.GetCurrentDirectory());
        if (path is null)
        {
            return CoachOptions.Default;
        }

        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LintInputException($"{path}: the coach's settings could not be read: {e.Message}");
        }

        try
        {
            return CoachOptions.FromYaml(yaml);
        }
        catch (CoachConfigException e)
        {
            throw new LintInputException($"{path}: {e.Message}");
        }
    }

    private static string? FindConfig(string folder)
    {
        for (var dir = new DirectoryInfo(folder); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, ConfigFileName);
            if (File.Exists(candidate))
            {
                return candidate;
            }

            if (Directory.Exists(Path.Combine(dir.FullName, ".git")))
            {
                return null;
            }
        }

        return null;
    }
}
