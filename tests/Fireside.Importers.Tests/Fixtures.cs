using System.IO.Compression;

namespace Fireside.Importers.Tests;

/// <summary>The hand-written fixtures in Fixtures/, and zips made from the Slack export folder.</summary>
public static class Fixtures
{
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static Stream Open(string name) => File.OpenRead(Path(name));

    /// <summary>The Slack export folder as the zip Slack produces; <paramref name="days"/> limits which day files go in.</summary>
    public static MemoryStream SlackZip(params string[] days)
    {
        var root = Path("slack-export");
        var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var relative = System.IO.Path.GetRelativePath(root, file).Replace('\\', '/');
                if (days.Length > 0 && relative.Contains('/', StringComparison.Ordinal) && !days.Any(d => relative.EndsWith(d + ".json", StringComparison.Ordinal)))
                {
                    continue;
                }

                archive.CreateEntryFromFile(file, relative);
            }
        }

        zip.Position = 0;
        return zip;
    }

    public static List<ImportedEntry> Read(ITimelineImporter importer, Stream input, ImportOptions? options = null)
    {
        using (input)
        {
            return [.. importer.Read(input, options ?? new ImportOptions())];
        }
    }
}
