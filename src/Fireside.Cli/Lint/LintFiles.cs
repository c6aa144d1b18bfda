using System.Text;
using System.Text.RegularExpressions;
using Fireside.Language;

namespace Fireside.Cli.Lint;

/// <summary>One file's findings, or the reason it could not be read.</summary>
public sealed record FileResult(string Path, IReadOnlyList<Finding> Findings, string? Error);

/// <summary>Finds the files to lint (recursing into folders, honouring excludes) and lints each one.</summary>
public sealed class LintFiles(LanguageCoach coach, IReadOnlyList<string> excludes)
{
    public static readonly string[] Extensions = [".md", ".markdown", ".mdx", ".txt", ".text"];
    private static readonly string[] AlwaysSkipped = [".git", "node_modules"];

    private readonly List<Regex> _excludes = [.. excludes.Select(GlobToRegex)];

    /// <summary>The files under the given paths, in a stable order, with a reason for each path that is not there.</summary>
    public IEnumerable<(string Path, string? Error)> Expand(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                if (!IsExcluded(Normalise(path), isDirectory: false))
                {
                    yield return (path, null);
                }
            }
            else if (Directory.Exists(path))
            {
                foreach (var file in Walk(path, path))
                {
                    yield return file;
                }
            }
            else
            {
                yield return (path, "no such file or folder");
            }
        }
    }

    public FileResult Lint(string path)
    {
        string text;
        try
        {
            var bytes = File.ReadAllBytes(path);
            if (Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8000)) >= 0)
            {
                return new FileResult(path, [], "looks like a binary file, so it was not linted");
            }

            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
            if (text.Length > 0 && text[0] == '\uFEFF')
            {
                text = text[1..];
            }
        }
        catch (DecoderFallbackException e)
        {
            return new FileResult(path, [], $"is not valid UTF-8 (first bad byte at offset {e.Index}), so it was not linted");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new FileResult(path, [], $"could not be read: {e.Message}");
        }

        var kind = path.EndsWith(".txt", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".text", StringComparison.OrdinalIgnoreCase)
            ? TextKind.Plain
            : TextKind.Markdown;
        return new FileResult(path, coach.Check(text, kind), null);
    }

    private IEnumerable<(string Path, string? Error)> Walk(string root, string folder)
    {
        List<string> entries;
        string? error = null;
        try
        {
            entries = [.. Directory.EnumerateFileSystemEntries(folder).Order(StringComparer.Ordinal)];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            entries = [];
            error = $"could not be read: {e.Message}";
        }

        if (error is not null)
        {
            yield return (folder, error);
        }

        foreach (var entry in entries)
        {
            var relative = Normalise(Path.GetRelativePath(root, entry));
            if (Directory.Exists(entry))
            {
                if (AlwaysSkipped.Contains(Path.GetFileName(entry)) || IsExcluded(relative, isDirectory: true))
                {
                    continue;
                }

                foreach (var file in Walk(root, entry))
                {
                    yield return file;
                }
            }
            else if (Extensions.Any(e => entry.EndsWith(e, StringComparison.OrdinalIgnoreCase)) && !IsExcluded(relative, isDirectory: false))
            {
                yield return (entry, null);
            }
        }
    }

    private bool IsExcluded(string relative, bool isDirectory)
    {
        foreach (var pattern in _excludes)
        {
            if (pattern.IsMatch(relative) || (isDirectory && pattern.IsMatch(relative + "/")))
            {
                return true;
            }
        }

        return false;
    }

    private static string Normalise(string path) => path.Replace('\\', '/').TrimStart('.', '/');

    /// <summary>
    /// .gitignore-style patterns: "*" within a name, "**" across folders, "?" one character, a leading "/"
    /// anchors to the linted folder, a trailing "/" matches folders only. Without a "/" a pattern matches a
    /// name at any depth.
    /// </summary>
    public static Regex GlobToRegex(string glob)
    {
        var pattern = glob.Trim().Replace('\\', '/');
        var anchored = pattern.StartsWith('/') || pattern.TrimEnd('/').Contains('/');
        pattern = pattern.TrimStart('/');
        var directoryOnly = pattern.EndsWith('/');
        pattern = pattern.TrimEnd('/');
        var regex = new StringBuilder(anchored ? "^" : "(^|/)");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                regex.Append(".*");
                i++;
                if (i + 1 < pattern.Length && pattern[i + 1] == '/')
                {
                    i++;
                    regex.Append("/?");
                }
            }
            else if (c == '*')
            {
                regex.Append("[^/]*");
            }
            else if (c == '?')
            {
                regex.Append("[^/]");
            }
            else
            {
                regex.Append(Regex.Escape(c.ToString()));
            }
        }

        regex.Append(directoryOnly ? "/" : "(/|$)");
        return new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);
    }
}

/// <summary>Input the linter cannot use at all (a bad config, an unreadable folder): exit code 2.</summary>
public sealed class LintInputException(string message) : Exception(message);
