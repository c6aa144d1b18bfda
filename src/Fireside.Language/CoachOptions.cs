using YamlDotNet.RepresentationModel;

namespace Fireside.Language;

/// <summary>An organisation's own wording to point out.</summary>
public sealed record CustomPhrase(string Phrase, Category Category, Severity Severity, string? Message, string? Suggestion)
{
    internal string[] Words { get; } = PhraseWords.Of(Phrase);
}

/// <summary>
/// Wording an organisation has chosen to keep (a term it uses on purpose, a quote it repeats): any
/// finding that overlaps the phrase is left out, for that category only when one is named.
/// </summary>
public sealed record SilencedPhrase(string Phrase, Category? Category = null)
{
    internal string[] Words { get; } = PhraseWords.Of(Phrase);
}

internal static class PhraseWords
{
    public static string[] Of(string phrase) =>
        [.. phrase.Replace('’', '\'').Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(w => w.ToLowerInvariant())];
}

/// <summary>
/// How an organisation tunes the coach: severities per category, categories or rules turned off,
/// and phrases of its own. Read from a <c>.fireside.yml</c> file or the web app's settings.
/// </summary>
public sealed class CoachOptions
{
    public Dictionary<Category, Severity> Severities { get; } = new()
    {
        [Category.Counterfactual] = Severity.Warning,
        [Category.RootCause] = Severity.Warning,
        [Category.Blame] = Severity.Warning,
        [Category.Hindsight] = Severity.Warning,
        [Category.Minimizing] = Severity.Warning,
    };

    public HashSet<Category> DisabledCategories { get; } = [];

    public HashSet<string> DisabledRules { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<CustomPhrase> Phrases { get; } = [];

    public List<SilencedPhrase> Silenced { get; } = [];

    /// <summary>A copy of these settings with more silenced phrases (the web app's own list, kept in its database).</summary>
    public CoachOptions WithSilenced(IEnumerable<SilencedPhrase> more)
    {
        var copy = new CoachOptions();
        foreach (var (category, severity) in Severities)
        {
            copy.Severities[category] = severity;
        }

        copy.DisabledCategories.UnionWith(DisabledCategories);
        copy.DisabledRules.UnionWith(DisabledRules);
        copy.Phrases.AddRange(Phrases);
        copy.Silenced.AddRange(Silenced);
        copy.Silenced.AddRange(more);
        return copy;
    }

    public static CoachOptions Default { get; } = new();

    /// <summary>
    /// Reads YAML such as:
    /// <code>
    /// categories:
    ///   minimizing: info        # info, warning, error or off
    ///   blame: error
    /// rules:
    ///   hindsight.obvious: off
    /// silence:                  # wording the organisation keeps on purpose
    ///   - root cause analysis
    ///   - phrase: of course
    ///     category: hindsight
    /// phrases:
    ///   - phrase: cowboy
    ///     category: blame
    ///     severity: warning
    ///     message: Labels people instead of describing what they did.
    ///     suggestion: Describe the change and its context.
    /// </code>
    /// Throws <see cref="CoachConfigException"/> naming the line of anything it cannot use.
    /// </summary>
    public static CoachOptions FromYaml(string yaml)
    {
        var options = new CoachOptions();
        if (string.IsNullOrWhiteSpace(yaml))
        {
            return options;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new CoachConfigException($"line {e.Start.Line}: the file is not valid YAML ({e.Message})");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return options;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new CoachConfigException($"line {stream.Documents[0].RootNode.Start.Line}: expected settings such as \"categories:\", \"rules:\" and \"phrases:\".");
        }

        foreach (var (keyNode, value) in root.Children)
        {
            var key = Scalar(keyNode).ToLowerInvariant();
            switch (key)
            {
                case "categories":
                    foreach (var (nameNode, levelNode) in Mapping(value, key).Children)
                    {
                        var name = Scalar(nameNode);
                        if (!CategoryNames.TryParse(name, out var category))
                        {
                            throw new CoachConfigException($"line {nameNode.Start.Line}: \"{name}\" is not a category. Use one of: {string.Join(", ", CategoryNames.All)}.");
                        }

                        var level = Scalar(levelNode).ToLowerInvariant();
                        if (level == "off")
                        {
                            options.DisabledCategories.Add(category);
                        }
                        else
                        {
                            options.Severities[category] = ParseSeverity(level, levelNode);
                        }
                    }

                    break;
                case "rules":
                    foreach (var (ruleNode, stateNode) in Mapping(value, key).Children)
                    {
                        var state = Scalar(stateNode).ToLowerInvariant();
                        if (state is not ("off" or "on"))
                        {
                            throw new CoachConfigException($"line {stateNode.Start.Line}: a rule is either on or off, not \"{state}\".");
                        }

                        if (state == "off")
                        {
                            options.DisabledRules.Add(Scalar(ruleNode));
                        }
                    }

                    break;
                case "phrases":
                    if (value is not YamlSequenceNode list)
                    {
                        throw new CoachConfigException($"line {value.Start.Line}: \"phrases\" is a list of items with phrase, category and (optionally) severity, message and suggestion.");
                    }

                    foreach (var item in list)
                    {
                        var map = Mapping(item, "phrases item");
                        string? Get(string field) => map.Children.TryGetValue(new YamlScalarNode(field), out var v) ? Scalar(v) : null;
                        var phrase = Get("phrase");
                        if (string.IsNullOrWhiteSpace(phrase))
                        {
                            throw new CoachConfigException($"line {item.Start.Line}: each phrase needs a \"phrase\".");
                        }

                        if (!CategoryNames.TryParse(Get("category"), out var category))
                        {
                            throw new CoachConfigException($"line {item.Start.Line}: the phrase \"{phrase}\" needs a category, one of: {string.Join(", ", CategoryNames.All)}.");
                        }

                        var severity = Get("severity") is { } level ? ParseSeverity(level.ToLowerInvariant(), item) : options.Severities[category];
                        options.Phrases.Add(new CustomPhrase(phrase.Trim(), category, severity, Get("message"), Get("suggestion")));
                    }

                    break;
                case "silence":
                    if (value is not YamlSequenceNode silences)
                    {
                        throw new CoachConfigException($"line {value.Start.Line}: \"silence\" is a list of phrases, each either text or an item with phrase and (optionally) category.");
                    }

                    foreach (var item in silences)
                    {
                        options.Silenced.Add(ReadSilence(item));
                    }

                    break;
                default:
                    throw new CoachConfigException($"line {keyNode.Start.Line}: \"{key}\" is not a setting the coach knows. Use categories, rules, phrases or silence.");
            }
        }

        return options;
    }

    private static SilencedPhrase ReadSilence(YamlNode item)
    {
        if (item is YamlScalarNode)
        {
            var text = Scalar(item);
            return ValidSilence(text, null, item);
        }

        var map = Mapping(item, "silence item");
        string? Get(string field) => map.Children.TryGetValue(new YamlScalarNode(field), out var v) ? Scalar(v) : null;
        Category? category = null;
        if (Get("category") is { Length: > 0 } name)
        {
            if (!CategoryNames.TryParse(name, out var parsed))
            {
                throw new CoachConfigException($"line {item.Start.Line}: \"{name}\" is not a category. Use one of: {string.Join(", ", CategoryNames.All)}.");
            }

            category = parsed;
        }

        return ValidSilence(Get("phrase"), category, item);
    }

    private static SilencedPhrase ValidSilence(string? phrase, Category? category, YamlNode node)
    {
        var problem = SilenceProblem(phrase);
        return problem is null
            ? new SilencedPhrase(phrase!.Trim(), category)
            : throw new CoachConfigException($"line {node.Start.Line}: {problem}");
    }

    /// <summary>What is wrong with a phrase to silence, or null: the same rule for the settings file and the web app.</summary>
    public static string? SilenceProblem(string? phrase)
    {
        if (string.IsNullOrWhiteSpace(phrase))
        {
            return "a phrase to silence needs some words.";
        }

        var words = PhraseWords.Of(phrase);
        if (phrase.Trim().Length > 100 || words.Length > 8)
        {
            return "a phrase to silence is at most 8 words and 100 characters.";
        }

        return words.All(w => w.Any(char.IsLetterOrDigit))
            ? null
            : "a phrase to silence is made of words (letters or digits), such as \"root cause\".";
    }

    private static Severity ParseSeverity(string level, YamlNode node) => level switch
    {
        "info" => Severity.Info,
        "warning" => Severity.Warning,
        "error" => Severity.Error,
        _ => throw new CoachConfigException($"line {node.Start.Line}: \"{level}\" is not a severity. Use info, warning, error or off."),
    };

    private static string Scalar(YamlNode node) =>
        node is YamlScalarNode scalar
            ? (scalar.Value ?? "").Trim()
            : throw new CoachConfigException($"line {node.Start.Line}: expected a single value here.");

    private static YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw new CoachConfigException($"line {node.Start.Line}: \"{what}\" should hold name: value pairs.");
}

/// <summary>A coach configuration that cannot be used; the message names the line.</summary>
public sealed class CoachConfigException(string message) : Exception(message);
