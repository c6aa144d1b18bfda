using System.IO.Compression;
using System.Text;
using CsCheck;
using Fireside.Importers.Alerts;
using Fireside.Importers.ChatLogs;
using Fireside.Importers.Csv;
using Fireside.Importers.Git;
using Fireside.Importers.Slack;

namespace Fireside.Importers.Tests;

/// <summary>
/// Every importer, fed thousands of damaged versions of real-format files: whatever comes in, the only
/// complaint allowed is <see cref="ImportFormatException"/> (which names the file and place); never a crash.
/// A fixed seed keeps the run the same each time; bench/fuzz.sh runs far more cases.
/// </summary>
public sealed class ImporterFuzzTests
{
    /// <summary>How many damaged files each importer gets here (bench/fuzz.sh sets FIRESIDE_FUZZ_CASES much higher).</summary>
    public static readonly int Cases = int.TryParse(Environment.GetEnvironmentVariable("FIRESIDE_FUZZ_CASES"), out var n) ? n : 2_000;

    /// <summary>A fixed seed, so a failure here fails the same way on every run; FIRESIDE_FUZZ_SEED=random explores new ground (bench/fuzz.sh).</summary>
    public static readonly string? Seed = Environment.GetEnvironmentVariable("FIRESIDE_FUZZ_SEED") switch
    {
        null or "" => "0000fireside",
        "random" => null,
        var given => given,
    };

    /// <summary>Pieces that make parsers stumble: huge numbers, wrong types, broken quotes, control characters, deep nesting.</summary>
    private static readonly string[] Tokens =
    [
        "\"", "{", "}", "[", "]", ",", ":", "\\", "\n", "\r\n", "\0", "\t", ";", "<", ">", "|", "@", "#",
        "\"ts\": \"99999999999999999999999999\"", "\"ts\": \"-5e30\"", "\"ts\": 1", "\"text\": {}", "\"text\": null", "\"user\": []",
        "\"startsAt\": \"0001-01-01T00:00:00Z\"", "\"created_at\": \"9999-12-31T23:59:59Z\"", "\"alerts\": {}", "\"log_entries\": 7",
        "9e999", "-0", "1.5e-400", "NaN", "\"\\ud800\"", "\u202e", "\uffff", "𝓕𝓲𝓻𝓮",
        "time,time,time", ",,,,,,,,,,,,,,,,", "\"a\"\"b", "2026-02-30T25:61:00", "2026-03-29 02:30:00", "--:--", "[99:99]",
        new string('[', 200), new string('{', 300), new string('x', 70_000),
        "commit ", "Author: ", "Date:   ", "<nick>", "-!- ", "* ",
    ];

    private static Gen<byte[]> Damaged(byte[] original) =>
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, Math.Max(0, original.Length)], Gen.Int[0, 64], Gen.Int[0, Tokens.Length - 1], Gen.Byte)
            .Array[1, 6]
            .Select(edits =>
            {
                var bytes = new List<byte>(original);
                foreach (var (kind, at, length, token, value) in edits)
                {
                    var position = Math.Min(at, bytes.Count);
                    switch (kind)
                    {
                        case 0 when bytes.Count > 0: bytes[Math.Min(position, bytes.Count - 1)] = value; break;
                        case 1: bytes.RemoveRange(position, Math.Min(length, bytes.Count - position)); break;
                        case 2: bytes.InsertRange(position, Encoding.UTF8.GetBytes(Tokens[token])); break;
                        case 3: bytes.InsertRange(position, bytes.GetRange(position, Math.Min(length, bytes.Count - position))); break;
                        case 4: bytes.RemoveRange(position, bytes.Count - position); break;
                        default: bytes.Insert(position, value); break;
                    }
                }

                return bytes.ToArray();
            });

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
