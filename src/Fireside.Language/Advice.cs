namespace Fireside.Language;

/// <summary>Why each kind of wording gets in the way of learning, and something to try instead. In our own words.</summary>
internal static class Advice
{
    private static readonly Dictionary<string, (string Message, string Suggestion)> ByRule = new(StringComparer.Ordinal)
    {
        ["counterfactual.modal-perfect"] = (
            "This describes a world that did not happen. It tells us little about the one that did, and it reads as a verdict.",
            "Ask what people knew and saw at that moment, and what made their choice sensible then."),
        ["counterfactual.imagined-condition"] = (
            "Imagining a different past moves attention away from what actually happened and why.",
            "Describe what did happen, and ask what made the other path hard to see or take at the time."),
        ["counterfactual.failing-to-act"] = (
            "Framing a step as a personal failing hides why it was not taken.",
            "Say what happened instead, and ask what was competing for their attention then."),
        ["counterfactual.instead-of"] = (
            "Comparing what was done with a better-looking alternative judges the choice after the fact.",
            "Ask what made the chosen path look right at the time, and what the other path asked of people."),
        ["root-cause.root-cause"] = (
            "Incidents in complex systems come from several factors working together; hunting for the one thing behind it stops the search early.",
            "Try \"contributing factors\", and ask what else had to be true for this to happen."),
        ["root-cause.rca"] = (
            "The name of the method suggests a lone answer waiting to be found.",
            "Try \"incident review\" or \"contributing factors analysis\"."),
        ["root-cause.single-cause"] = (
            "Naming a lone culprit hides the other conditions that mattered.",
            "List the contributing factors, and ask how they combined."),
        ["root-cause.five-whys"] = (
            "A chain of whys follows one path and tends to end at a person or a lone answer.",
            "Ask \"how\" and \"what else\" questions that open several paths."),
        ["blame.human-error"] = (
            "Calling it error names the place where we stopped looking, not what happened.",
            "Describe what the person did and what the situation made likely at that moment."),
        ["blame.judging-words"] = (
            "Judging a person or their work makes people less willing to share what they know.",
            "Describe the action and its context; ask what made it look reasonable then."),
        ["blame.fault"] = (
            "Fault language turns a review into a verdict, and people stop telling the full story.",
            "Say who did what, plainly, and ask what in the situation shaped it."),
        ["blame.sanction"] = (
            "Talk of sanctions teaches everyone to hide details next time.",
            "Focus on what the organisation can learn and change."),
        ["hindsight.obvious"] = (
            "Knowing the outcome makes it look plain; it was not plain to the people inside it.",
            "Ask what signals people had at the time, and which ones competed with them."),
        ["hindsight.in-hindsight"] = (
            "Looking from the end of the story flattens the uncertainty people faced.",
            "Tell this part from the moment it happened: what did people know then?"),
        ["hindsight.everyone-knows"] = (
            "What seems common knowledge is often known to some and not others, which is worth finding out.",
            "Ask who knew this, how they learned it, and how someone new would."),
        ["hindsight.should-have-known"] = (
            "This assumes knowledge that may only be clear now that we know the outcome.",
            "Ask what people knew at the time and where that knowledge lived."),
        ["hindsight.foreseeable"] = (
            "Saying the outcome could be foretold hides how uncertain it was in the moment.",
            "Ask what people expected at the time and why."),
        ["minimizing.merely"] = (
            "Making the work sound small hides the judgement and effort it took, and can leave people feeling judged.",
            "Describe the step as it was; ask how people knew it was the right one."),
        ["minimizing.only-had-to"] = (
            "This makes a step sound small, which it rarely is in the middle of an incident.",
            "Describe the step, and ask what made it hard to see or to take at the time."),
        ["minimizing.easy"] = (
            "How hard something was looks different afterwards than during; calling it small can leave people feeling judged.",
            "Describe what it took, and what people needed to know to do it."),
        ["custom"] = (
            "Your organisation has asked the coach to point out this wording.",
            "Consider another way to say it."),
    };

    public static (string Message, string Suggestion) For(string rule) =>
        ByRule.TryGetValue(rule, out var advice) ? advice : ByRule["custom"];

    public static IEnumerable<KeyValuePair<string, (string Message, string Suggestion)>> All => ByRule;
}
