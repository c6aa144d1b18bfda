using System.Globalization;
using Fireside.Core.Reviews;

namespace Fireside.Importers.Git;

/// <summary>
/// Commits and deploys from <c>git log</c> in this format (fields separated by the unit separator, 0x1F):
/// <code>git log --pretty=format:'%H%x1f%aI%x1f%an%x1f%s' &gt; changes.log</code>
/// The author date carries its own offset, so no time zone is needed.
/// </summary>
public sealed class GitLogImporter : ITimelineImporter
{
    public const string Format = "%H%x1f%aI%x1f%an%x1f%s";

    public string Name => "git";

    public IEnumerable<ImportedEntry> Read(Stream input, ImportOptions options)
    {
        using var reader = new StreamReader(input, leaveOpen: true);
        var number = 0;
        while (Input.ReadLine(reader, $"{options.FileName}, line {number + 1}", options.Limits) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var where = $"{options.FileName}, line {number}";
            var parts = line.Split('\u001f');
            if (parts.Length < 4)
            {
                throw new ImportFormatException($"{where}: expected hash, date, author and subject separated by 0x1F. Make the log with: git log --pretty=format:'{Format}'");
            }

            if (!DateTimeOffset.TryParse(parts[1], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
            {
                throw new ImportFormatException($"{where}: \"{parts[1]}\" is not an ISO 8601 date (use %aI in the format).");
            }

            var hash = parts[0].Trim();
            var subject = string.Join(' ', parts[3..]).Trim();
            yield return new ImportedEntry(at.UtcDateTime, parts[2].Trim(), ActorKind.Person, TimelineEntryKind.Action,
                $"Commit {hash[..Math.Min(hash.Length, 10)]}: {subject}", null, "git", $"git:{hash}");
        }
    }
}
