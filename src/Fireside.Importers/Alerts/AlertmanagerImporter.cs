using System.Globalization;
using System.Text.Json;
using Fireside.Core.Reviews;

namespace Fireside.Importers.Alerts;

/// <summary>
/// Prometheus Alertmanager webhook payloads (<c>{"version":"4","alerts":[…]}</c>): one payload, a JSON array of
/// payloads, or one payload per line as a webhook receiver might log them. Each alert becomes an entry when it
/// fires (at startsAt) and another when it resolves (at endsAt).
/// </summary>
public sealed class AlertmanagerImporter : ITimelineImporter
{
    public string Name => "alertmanager";

    public IEnumerable<ImportedEntry> Read(Stream input, ImportOptions options)
    {
        foreach (var (payload, where) in JsonInput.Documents(input, options.FileName, options.Limits))
        {
            var alerts = JsonInput.Property(payload, "alerts");
            if (alerts.ValueKind != JsonValueKind.Array)
            {
                throw new ImportFormatException($"{where}: an Alertmanager payload has an \"alerts\" list; this one has none.");
            }

            var index = 0;
            foreach (var alert in alerts.EnumerateArray())
            {
                var at = $"{where}, alert {++index}";
                var labels = JsonInput.Property(alert, "labels");
                var annotations = JsonInput.Property(alert, "annotations");
                var name = JsonInput.Text(labels, "alertname") ?? "alert";
                var summary = JsonInput.Text(annotations, "summary") ?? JsonInput.Text(annotations, "description");
                var severity = JsonInput.Text(labels, "severity");
                var fingerprint = JsonInput.Text(alert, "fingerprint") ?? Importers.Fingerprint(labels.ValueKind == JsonValueKind.Object ? labels.GetRawText() : name);
                var link = JsonInput.Text(alert, "generatorURL");
                var describe = $"{name}{(severity is null ? "" : $" ({severity})")}{(summary is null ? "" : $": {summary}")}";

                var startsAt = JsonInput.Time(alert, "startsAt", at) ?? throw new ImportFormatException($"{at}: the alert has no startsAt time.");
                yield return new ImportedEntry(startsAt, "Alertmanager", ActorKind.System, TimelineEntryKind.Alert, $"Firing: {describe}", link, "alertmanager",
                    $"alertmanager:{fingerprint}:firing:{startsAt.Ticks}");

                var status = JsonInput.Text(alert, "status");
                if (status == "resolved" && JsonInput.Time(alert, "endsAt", at) is { } endsAt && endsAt.Year > 1)
                {
                    yield return new ImportedEntry(endsAt, "Alertmanager", ActorKind.System, TimelineEntryKind.Alert, $"Resolved: {describe}", link, "alertmanager",
                        $"alertmanager:{fingerprint}:resolved:{endsAt.Ticks}");
                }
            }
        }
    }
}

/// <summary>
/// PagerDuty incident log entries, as the REST API returns them (<c>{"log_entries":[…]}</c> or a bare list).
/// Triggers, acknowledgements, resolutions, escalations, reassignments and notes become entries.
/// </summary>
public sealed class PagerDutyImporter : ITimelineImporter
{
    private static readonly Dictionary<string, (string Verb, TimelineEntryKind Kind)> Types = new(StringComparer.Ordinal)
    {
        ["trigger_log_entry"] = ("Triggered", TimelineEntryKind.Alert),
        ["acknowledge_log_entry"] = ("Acknowledged", TimelineEntryKind.Action),
        ["resolve_log_entry"] = ("Resolved", TimelineEntryKind.Action),
        ["escalate_log_entry"] = ("Escalated", TimelineEntryKind.Alert),
        ["assign_log_entry"] = ("Reassigned", TimelineEntryKind.Action),
        ["annotate_log_entry"] = ("Note", TimelineEntryKind.Communication),
        ["unacknowledge_log_entry"] = ("Acknowledgement timed out", TimelineEntryKind.Alert),
    };

    public string Name => "pagerduty";

    public IEnumerable<ImportedEntry> Read(Stream input, ImportOptions options)
    {
        foreach (var (document, where) in JsonInput.Documents(input, options.FileName, options.Limits))
        {
            var entries = document.ValueKind == JsonValueKind.Array ? document : JsonInput.Property(document, "log_entries");
            if (entries.ValueKind != JsonValueKind.Array)
            {
                throw new ImportFormatException($"{where}: expected PagerDuty log entries (a \"log_entries\" list).");
            }

            var index = 0;
            foreach (var entry in entries.EnumerateArray())
            {
                var at = $"{where}, log entry {++index}";
                var type = JsonInput.Text(entry, "type") ?? throw new ImportFormatException($"{at}: the log entry has no type.");
                if (!Types.TryGetValue(type, out var known))
                {
                    continue;
                }

                var id = JsonInput.Text(entry, "id") ?? throw new ImportFormatException($"{at}: the log entry has no id.");
                var created = JsonInput.Time(entry, "created_at", at) ?? throw new ImportFormatException($"{at}: the log entry has no created_at time.");
                var agent = JsonInput.Property(entry, "agent");
                var isPerson = JsonInput.Text(agent, "type") is "user_reference" or "user";
                var actor = (isPerson ? JsonInput.Text(agent, "summary") : null) ?? JsonInput.Text(agent, "summary") ?? "PagerDuty";
                var incident = JsonInput.Property(entry, "incident");
                var summary = JsonInput.Text(entry, "summary") ?? JsonInput.Text(incident, "summary") ?? "";
                var note = JsonInput.Text(JsonInput.Property(entry, "channel"), "content");
                var text = note is null ? $"{known.Verb}: {summary}" : $"{known.Verb}: {note}";
                yield return new ImportedEntry(created, actor, isPerson ? ActorKind.Person : ActorKind.System, known.Kind, text.Trim(),
                    JsonInput.Text(incident, "html_url"), "pagerduty", $"pagerduty:{id}");
            }
        }
    }
}

/// <summary>Reading JSON sources: one document, an array of documents, or one document per line.</summary>
internal static class JsonInput
{
    public static IEnumerable<(JsonElement Document, string Where)> Documents(Stream input, string fileName, ImportLimits limits)
    {
        var text = Input.ReadText(input, fileName, limits);
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0)
        {
            yield break;
        }

        var documents = new List<(JsonElement, string)>();
        try
        {
            using var whole = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = limits.MaxJsonDepth });
            var root = whole.RootElement;
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() > 0 && root[0].ValueKind == JsonValueKind.Object && root[0].TryGetProperty("alerts", out _))
            {
                var n = 0;
                foreach (var item in root.EnumerateArray())
                {
                    documents.Add((item.Clone(), $"{fileName}, payload {++n}"));
                }
            }
            else
            {
                documents.Add((root.Clone(), fileName));
            }
        }
        catch (JsonException)
        {
            // Maybe one JSON document per line.
            var number = 0;
            foreach (var line in text.Split('\n'))
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var document = Input.ParseJson(line, $"{fileName}, line {number}", limits);
                documents.Add((document.RootElement.Clone(), $"{fileName}, line {number}"));
            }
        }

        foreach (var document in documents)
        {
            yield return document;
        }
    }

    public static string? Text(JsonElement element, string property) => Input.Text(element, property);

    /// <summary>A property of an object, or nothing (never an error) when the element is not an object or lacks it.</summary>
    public static JsonElement Property(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value) ? value : default;

    public static DateTime? Time(JsonElement element, string property, string where)
    {
        var text = Text(element, property);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
            ? value.UtcDateTime
            : throw new ImportFormatException($"{where}: \"{text}\" in {property} is not a time Fireside can read.");
    }
}
