using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fireside.Language;

namespace Fireside.Cli.Lint;

/// <summary>Writes lint results in the formats CI systems read.</summary>
public static class LintReport
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The path as people read it: forward slashes, no leading "./".</summary>
    public static string Path(string path)
    {
        var normalised = path.Replace('\\', '/');
        while (normalised.StartsWith("./", StringComparison.Ordinal))
        {
            normalised = normalised[2..];
        }

        return normalised;
    }

    public static void Text(TextWriter output, IReadOnlyList<FileResult> results)
    {
        var count = 0;
        foreach (var result in results.Where(r => r.Error is null))
        {
            foreach (var f in result.Findings)
            {
                count++;
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{Path(result.Path)}:{f.Line}:{f.Column}: {f.Severity.Name()} {f.CategoryName} ({f.Rule}): \"{f.Text}\". {f.Message} Suggestion: {f.Suggestion}"));
            }
        }

        var files = results.Count(r => r.Error is null);
        output.WriteLine(count == 0
            ? $"No findings in {files} file{(files == 1 ? "" : "s")}."
            : $"{count} finding{(count == 1 ? "" : "s")} in {files} file{(files == 1 ? "" : "s")}.");
    }

    public static void Json(TextWriter output, IReadOnlyList<FileResult> results)
    {
        var findings = new JsonArray();
        foreach (var result in results.Where(r => r.Error is null))
        {
            foreach (var f in result.Findings)
            {
                findings.Add(new JsonObject
                {
                    ["path"] = Path(result.Path),
                    ["line"] = f.Line,
                    ["column"] = f.Column,
                    ["endLine"] = f.EndLine,
                    ["endColumn"] = f.EndColumn,
                    ["category"] = f.CategoryName,
                    ["rule"] = f.Rule,
                    ["severity"] = f.Severity.Name(),
                    ["text"] = f.Text,
                    ["message"] = f.Message,
                    ["suggestion"] = f.Suggestion,
                });
            }
        }

        var errors = new JsonArray([.. results.Where(r => r.Error is not null).Select(r => (JsonNode)new JsonObject { ["path"] = Path(r.Path), ["error"] = r.Error })]);
        var root = new JsonObject { ["findings"] = findings, ["files"] = results.Count(r => r.Error is null), ["errors"] = errors };
        output.WriteLine(root.ToJsonString(Indented));
    }

    /// <summary>SARIF 2.1.0, as GitHub code scanning and other tools read it.</summary>
    public static void Sarif(TextWriter output, IReadOnlyList<FileResult> results, string version)
    {
        var rules = results.SelectMany(r => r.Findings).Select(f => (f.Rule, f.Category, f.Message, f.Suggestion))
            .DistinctBy(r => r.Rule).OrderBy(r => r.Rule, StringComparer.Ordinal).ToList();
        var index = rules.Select((r, i) => (r.Rule, i)).ToDictionary(p => p.Rule, p => p.i, StringComparer.Ordinal);

        var sarifResults = new JsonArray();
        foreach (var result in results.Where(r => r.Error is null))
        {
            foreach (var f in result.Findings)
            {
                sarifResults.Add(new JsonObject
                {
                    ["ruleId"] = f.Rule,
                    ["ruleIndex"] = index[f.Rule],
                    ["level"] = f.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "note" },
                    ["message"] = new JsonObject { ["text"] = $"\"{f.Text}\" ({f.CategoryName}): {f.Message} Suggestion: {f.Suggestion}" },
                    ["locations"] = new JsonArray(new JsonObject
                    {
                        ["physicalLocation"] = new JsonObject
                        {
                            ["artifactLocation"] = new JsonObject { ["uri"] = Uri(result.Path), ["uriBaseId"] = "%SRCROOT%" },
                            ["region"] = new JsonObject
                            {
                                ["startLine"] = f.Line,
                                ["startColumn"] = f.Column,
                                ["endLine"] = f.EndLine,
                                ["endColumn"] = f.EndColumn,
                                ["snippet"] = new JsonObject { ["text"] = f.Text },
                            },
                        },
                    }),
                    ["partialFingerprints"] = new JsonObject { ["primaryLocationLineHash"] = Fingerprint(result.Path, f) },
                });
            }
        }

        var notifications = new JsonArray([.. results.Where(r => r.Error is not null).Select(r => (JsonNode)new JsonObject
        {
            ["level"] = "error",
            ["message"] = new JsonObject { ["text"] = $"{Path(r.Path)} {r.Error}" },
        })]);

        var log = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "Fireside language coach",
                        ["semanticVersion"] = version,
                        ["rules"] = new JsonArray([.. rules.Select(r => (JsonNode)new JsonObject
                        {
                            ["id"] = r.Rule,
                            ["name"] = r.Rule,
                            ["shortDescription"] = new JsonObject { ["text"] = r.Category.Name() },
                            ["fullDescription"] = new JsonObject { ["text"] = r.Message },
                            ["help"] = new JsonObject { ["text"] = r.Suggestion },
                            ["properties"] = new JsonObject { ["tags"] = new JsonArray("language", r.Category.Name()) },
                        })]),
                    },
                },
                ["results"] = sarifResults,
                ["invocations"] = new JsonArray(new JsonObject
                {
                    ["executionSuccessful"] = notifications.Count == 0,
                    ["toolExecutionNotifications"] = notifications,
                }),
            }),
        };
        output.WriteLine(log.ToJsonString(Indented));
    }

    /// <summary>GitHub Actions workflow commands: each finding becomes an annotation on the pull request.</summary>
    public static void GitHub(TextWriter output, IReadOnlyList<FileResult> results)
    {
        foreach (var result in results)
        {
            if (result.Error is not null)
            {
                output.WriteLine($"::error file={Property(Path(result.Path))}::{Data($"{Path(result.Path)} {result.Error}")}");
                continue;
            }

            foreach (var f in result.Findings)
            {
                var level = f.Severity switch { Severity.Error => "error", Severity.Warning => "warning", _ => "notice" };
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"::{level} file={Property(Path(result.Path))},line={f.Line},col={f.Column},endLine={f.EndLine},endColumn={f.EndColumn},title={Property($"Fireside: {f.CategoryName}")}::{Data($"\"{f.Text}\": {f.Message} Suggestion: {f.Suggestion}")}"));
            }
        }
    }

    private static string Uri(string path)
    {
        var relative = System.IO.Path.IsPathRooted(path) ? System.IO.Path.GetRelativePath(Directory.GetCurrentDirectory(), path) : path;
        var parts = Path(relative).Split('/').Where(p => p is not "." and not "").Select(System.Uri.EscapeDataString);
        return string.Join('/', parts);
    }

    private static string Fingerprint(string path, Finding f)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{Path(path)}|{f.Rule}|{f.Text}|{f.Line}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    private static string Data(string text) => text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string text) => Data(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
