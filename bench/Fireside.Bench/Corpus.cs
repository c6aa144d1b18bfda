using System.Text;

namespace Fireside.Bench;

/// <summary>A deterministic Markdown corpus that reads like review documents: mostly neutral prose, some flagged wording, code, quotes and lists.</summary>
public static class Corpus
{
    private static readonly string[] Neutral =
    [
        "Sam restarted the web tier at 10:42 UTC.",
        "The queue grew to 2 million messages within an hour.",
        "Latency rose to 900 ms at the 99th percentile.",
        "The on-call engineer paged the database team at 03:12.",
        "We kept the old load balancer running as a fallback.",
        "The runbook listed three steps, and the second one referred to a retired host.",
        "Omar looked at the canary dashboard and saw no errors.",
        "The certificate expired on Saturday morning, and renewals had moved to a new team in the spring.",
        "Three people joined the call within two minutes and split the work between the database and the edge.",
        "The deploy failed to finish because the artifact was missing from the registry.",
        "At the time, waiting for the canary seemed like an unnecessary delay, because the change touched only one service.",
        "The cache had just been flushed when the traffic spike arrived.",
        "We agreed to limit this review to the first three hours of the event.",
    ];

    private static readonly string[] Flagged =
    [
        "In hindsight, the graph was showing the problem all along.",
        "The engineer should have checked the config before deploying.",
        "The root cause was human error during the deploy.",
        "We just rebooted the host and it came back.",
        "Obviously the config change was going to break routing.",
        "Kim forgot to remove the debug flag from the release build.",
    ];

    public static string Generate(int bytes, int seed = 42)
    {
        var random = new Random(seed);
        var text = new StringBuilder(bytes + 1024);
        var section = 0;
        while (text.Length < bytes)
        {
            text.Append("## Part ").Append(++section).Append("\n\n");
            for (var paragraph = 0; paragraph < 4; paragraph++)
            {
                for (var s = 0; s < 5; s++)
                {
                    var pool = random.Next(10) == 0 ? Flagged : Neutral;
                    text.Append(pool[random.Next(pool.Length)]).Append(s % 2 == 0 ? ' ' : '\n');
                }

                text.Append("\n\n");
            }

            text.Append("- Sam: \"we saw the error rate climb\"\n- Priya checked `kubectl get pods` and the dashboard\n\n");
            text.Append("> The alert should fire when the error rate exceeds 5 percent.\n\n");
            text.Append("```bash\n# obviously this is code\nkubectl rollout undo deploy/web\n```\n\n");
        }

        return text.ToString();
    }

    /// <summary>About 10 KB: the size of a long narrative someone is typing.</summary>
    public static string Narrative() => Generate(10 * 1024, seed: 7);

    /// <summary>
    /// The coach's worst case: trigger words, one after another, with no punctuation and no line break,
    /// so the whole text is one "sentence" and every word sets rules looking around it.
    /// </summary>
    public static string TriggerDense(int bytes)
    {
        string[] words =
        [
            "we", "should", "have", "just", "simply", "obviously", "failed", "to", "if", "only", "had", "they", "root", "cause",
            "the", "fault", "of", "operator", "error", "in", "hindsight", "everyone", "knows", "any", "reasonable", "engineer",
            "would've", "known", "clearly", "of", "course", "all", "she", "had", "to", "do", "was", "easy", "instead", "of",
            "could", "not", "have", "been", "more", "obvious", "made", "a", "mistake", "held", "accountable", "five", "whys",
        ];
        var builder = new System.Text.StringBuilder(bytes + 32);
        for (var i = 0; builder.Length < bytes; i++)
        {
            builder.Append(words[i % words.Length]).Append(' ');
        }

        return builder.ToString(0, bytes);
    }
}
