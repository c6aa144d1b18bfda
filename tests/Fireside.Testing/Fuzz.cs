using System.Text;
using CsCheck;

namespace Fireside.Testing;

/// <summary>
/// Damaged versions of real-format files for the fuzz tests: bytes flipped, cut, repeated, and pieces that
/// make parsers stumble put in. The same seed every run; bench/fuzz.sh explores with more cases and random seeds.
/// </summary>
public static class Fuzz
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

    public static Gen<byte[]> Damaged(byte[] original) =>
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

}
