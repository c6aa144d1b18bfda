using System.IO.Compression;
using System.Text;
using CsCheck;
using Fireside.Importers.Alerts;
using Fireside.Importers.ChatLogs;
using Fireside.Importers.Csv;
using Fireside.Importers.Git;
using Fireside.Importers.Slack;
using Fireside.Testing;

namespace Fireside.Importers.Tests;

/// <summary>
/// Every importer, fed thousands of damaged versions of real-format files: whatever comes in, the only
/// complaint allowed is <see cref="ImportFormatException"/> (which names the file and place, in our own words); never a crash.
/// A fixed seed keeps the run the same each time; bench/fuzz.sh runs far more cases.
/// </summary>
public sealed class ImporterFuzzTests
{
    private static readonly int Cases = Fuzz.Cases;

    private static readonly string? Seed = Fuzz.Seed;

    private static Gen<byte[]> Damaged(byte[] original) => Fuzz.Damaged(original);

    private static void OnlyFormatComplaints(ITimelineImporter importer, byte[] input, string name)
    {
        try
        {
            using var stream = new MemoryStream(input, writable: false);
            foreach (var entry in importer.Read(stream, new ImportOptions { FileName = name, Date = new DateOnly(2026, 11, 20) }))
            {
                Assert.NotNull(entry.Actor);
                Assert.NotNull(entry.Text);
                Assert.NotNull(entry.SourceKey);
            }
        }
        catch (ImportFormatException e)
        {
            Assert.Contains(name, e.Message);
            // In our own words: never the words of the .NET reader that stopped (type names, its own positions).
            Assert.DoesNotMatch(@"System\.[A-Z]|Exception|LineNumber:|BytePositionInLine|Central Directory|CsvFormat", e.Message);
        }
    }

    [Theory]
    [InlineData("chat", "irssi.log")]
    [InlineData("chat", "weechat.log")]
    [InlineData("chat", "znc.log")]
    [InlineData("alertmanager", "alertmanager.json")]
    [InlineData("pagerduty", "pagerduty.json")]
    [InlineData("git", "git.log")]
    [InlineData("csv", "timeline.csv")]
    public void DamagedFile_OnlyEverGivesAFormatComplaint(string kind, string fixture)
    {
        var importer = Importers.Find(kind)!;
        var original = File.ReadAllBytes(Fixtures.Path(fixture));

        Damaged(original).Sample(input => OnlyFormatComplaints(importer, input, fixture), seed: Seed, iter: Cases, threads: 1,
            print: input => Encoding.UTF8.GetString(input));
    }

    [Fact]
    public void SlackExport_WithADamagedDayOrUsersFile_OnlyEverGivesAFormatComplaint()
    {
        var day = File.ReadAllBytes(Fixtures.Path("slack-export/incident-checkout/2026-11-20.json"));
        var users = File.ReadAllBytes(Fixtures.Path("slack-export/users.json"));
        var gen = Gen.Select(Gen.Bool, Damaged(day), Damaged(users));

        gen.Sample(t => OnlyFormatComplaints(new SlackExportImporter(), Zip(t.Item1 ? t.Item2 : day, t.Item1 ? users : t.Item3), "export.zip"),
            seed: Seed, iter: Cases, threads: 1, print: t => Encoding.UTF8.GetString(t.Item1 ? t.Item2 : t.Item3));
    }

    [Fact]
    public void SlackExport_WithADamagedZip_OnlyEverGivesAFormatComplaint()
    {
        using var zip = Fixtures.SlackZip();
        Damaged(zip.ToArray()).Sample(input => OnlyFormatComplaints(new SlackExportImporter(), input, "export.zip"), seed: Seed, iter: Cases, threads: 1,
            print: input => Convert.ToBase64String(input));
    }

    [Fact]
    public void EveryImporter_GivenRandomBytes_OnlyEverGivesAFormatComplaint()
    {
        Gen.Select(Gen.Int[0, Importers.All.Count - 1], Gen.Byte.Array[0, 2_000]).Sample(
            t => OnlyFormatComplaints(Importers.All[t.Item1], t.Item2, "random.bin"), seed: Seed, iter: Cases, threads: 1);
    }

    private static byte[] Zip(byte[] day, byte[] users)
    {
        using var memory = new MemoryStream();
        using (var archive = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] bytes)
            {
                using var stream = archive.CreateEntry(name).Open();
                stream.Write(bytes);
            }

            Add("users.json", users);
            Add("channels.json", File.ReadAllBytes(Fixtures.Path("slack-export/channels.json")));
            Add("incident-checkout/2026-11-20.json", day);
        }

        return memory.ToArray();
    }
}
