using System.Globalization;
using System.IO.Compression;
using System.Text.Json;

namespace Fireside.Bench;

/// <summary>Writes a synthetic Slack workspace export (the zip Slack produces) with many messages, for the import benchmark.</summary>
public static class SlackExport
{
    public static void Write(string path, int messages)
    {
        using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        string[] people = ["U01", "U02", "U03", "U04", "U05", "U06", "U07", "U08"];
        WriteJson(zip, "users.json", w =>
        {
            w.WriteStartArray();
            foreach (var id in people)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("name", $"person{id}");
                w.WriteStartObject("profile");
                w.WriteString("display_name", $"Person {id}");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
        WriteJson(zip, "channels.json", w =>
        {
            w.WriteStartArray();
            w.WriteStartObject();
            w.WriteString("id", "C0BENCH");
            w.WriteString("name", "incident-bench");
            w.WriteEndObject();
            w.WriteEndArray();
        });

        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeSeconds();
        const int perDay = 20_000;
        for (var day = 0; day * perDay < messages; day++)
        {
            var date = DateOnly.FromDateTime(DateTime.UnixEpoch.AddSeconds(start)).AddDays(day);
            WriteJson(zip, $"incident-bench/{date:yyyy-MM-dd}.json", w =>
            {
                w.WriteStartArray();
                for (var i = day * perDay; i < Math.Min(messages, (day + 1) * perDay); i++)
                {
                    var seconds = start + (day * 86_400L) + (i % perDay * 4L);
                    w.WriteStartObject();
                    w.WriteString("type", "message");
                    w.WriteString("user", people[i % people.Length]);
                    w.WriteString("text", $"Message {i}: the queue depth on <#C0BENCH|incident-bench> is {i % 977} and <@U02> is checking <https://grafana.example.com/d/{i % 50}|the dashboard>");
                    w.WriteString("ts", string.Create(CultureInfo.InvariantCulture, $"{seconds}.{i % 1_000_000:000000}"));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            });
        }
    }

    private static void WriteJson(ZipArchive zip, string name, Action<Utf8JsonWriter> write)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        using var writer = new Utf8JsonWriter(stream);
        write(writer);
    }
}
