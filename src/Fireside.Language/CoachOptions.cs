using YamlDotNet.RepresentationModel;

namespace Fireside.Language;

/// <summary>An organisation's own wording to point out.</summary>
public sealed record CustomPhrase(string Phrase, Category Category, Severity Severity, string? Message, string? Suggestion);

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

    public static CoachOptions Default { get; } = new();

    /// <summary>
    /// Reads YAML such as:
    /// <code>
    /// categories:
    ///   minimizing: info        # info, warning, error or off
    ///   blame: error
    /// rules:
    ///   hindsight.obvious: off
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
                default:
                    throw new CoachConfigException($"line {keyNode.Start.Line}: \"{key}\" is not a setting the coach knows. Use categories, rules or phrases.");
            }
        }

        return options;
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
