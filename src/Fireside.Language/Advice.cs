namespace Fireside.Language;

/// <summary>Why each kind of wording gets in the way of learning, and something to try instead. In our own words.</summary>
internal static class Advice
{
    private static readonly Dictionary<string, (string Message, string Suggestion)> ByRule = new(StringComparer.Ordinal)
    {
        ["counterfactual.modal-perfect"] = (
            "This tells the story of a path nobody was on. It measures people against an outcome they could not see, and the review learns nothing about the path they did take.",
            "What did they know and see at that moment, and what made their choice the sensible one then?"),
        ["counterfactual.imagined-condition"] = (
            "An imagined past pulls the conversation towards what did not happen, away from what did and why it made sense.",
            "What made the other path hard to see, or hard to take, at the time?"),
        ["counterfactual.failing-to-act"] = (
            "Calling a step a failing hides why it was not taken, and that reason is where the learning is.",
            "What was competing for their attention then, and what would have pointed them to this step?"),
        ["counterfactual.instead-of"] = (
            "Setting the chosen path beside a better-looking one judges the choice by its result.",
            "What made the chosen path look right at the time, and what would the other one have asked of them?"),
        ["counterfactual.why-not"] = (
            "Asking why something did not happen assumes it should have, and points at whoever was nearest.",
            "What made this hard to see before it reached production, and what would have made it visible?"),
        ["counterfactual.too-late"] = (
            "\"Late\" measures people against a moment that is only plain once we know how it ended.",
            "What did the situation look like to them before that moment, and what told them it was time?"),
        ["root-cause.root-cause"] = (
            "Looking for one cause ends the search early; incidents in complex systems come from several conditions that met.",
            "What else had to be true for this to happen, and which of those conditions are still around?"),
        ["root-cause.template"] = (
            "This heading comes from the template, and it asks the author for one cause. Authors then stop at the first one they find.",
            "Could the template ask for \"Contributing factors\" instead, so people list what combined?"),
        ["root-cause.rca"] = (
            "The method's name promises one answer waiting to be found, so the search stops when it finds one.",
            "Could we call it an incident review, and ask what combined to make this possible?"),
        ["root-cause.single-cause"] = (
            "Naming one cause hides the other conditions that mattered, and those are the ones that will meet again.",
            "What else was needed for this to happen, and how did those things combine?"),
        ["root-cause.five-whys"] = (
            "A chain of whys follows one path, and it tends to end at a person or at a lone answer.",
            "What \"how\" and \"what else\" questions would open the other paths?"),
        ["blame.human-error"] = (
            "Calling it error marks where we stopped looking. The interesting part is what made the action reasonable to the person then.",
            "What did the situation make likely at that moment, for anyone in their seat?"),
        ["blame.judging-words"] = (
            "A label on a person or their work makes people guard what they share, and the next story gets shorter.",
            "What did they do, exactly, and what made it look reasonable at the time?"),
        ["blame.fault"] = (
            "Fault language turns the review into a verdict, and people stop telling the whole story.",
            "Who did what, plainly, and what in the situation shaped it?"),
        ["blame.verdict"] = (
            "A verdict on the action closes the conversation about why it made sense, and that conversation is what the review is for.",
            "What did they expect to happen when they did it, and what told them it was safe?"),
        ["blame.sanction"] = (
            "Talk of punishment teaches everyone to leave details out next time.",
            "What can the organisation change so the next person in this seat has it easier?"),
        ["hindsight.obvious"] = (
            "Knowing the ending makes it look plain. It was not plain to the people inside it, and saying so makes their view harder to share.",
            "Which signals did people have at the time, and what else was competing with them?"),
        ["hindsight.in-hindsight"] = (
            "Telling this part from the end of the story flattens the uncertainty people were in.",
            "How did this moment look to the people in it, before anyone knew the ending?"),
        ["hindsight.everyone-knows"] = (
            "What seems common knowledge is often known to some people and not others. Who knew is worth finding out.",
            "Who knew this, how did they learn it, and how would someone new learn it?"),
        ["hindsight.should-have-known"] = (
            "This assumes knowledge that may only be clear now that we know the outcome.",
            "What did people know at the time, and where did that knowledge live?"),
        ["hindsight.foreseeable"] = (
            "Saying the outcome could be seen coming hides how uncertain it was in the moment.",
            "What did people expect at the time, and why did that expectation make sense?"),
        ["minimizing.merely"] = (
            "Making a step sound small hides the judgement it took, and it can leave the people who took it feeling judged.",
            "What did they need to know before this step looked like the right one?"),
        ["minimizing.only-had-to"] = (
            "This makes a step sound small, and steps rarely feel small in the middle of an incident.",
            "What made this step hard to see or to take at the time?"),
        ["minimizing.easy"] = (
            "How hard something was looks different afterwards. Calling it easy can leave the people who faced it feeling judged.",
            "What did it take, and what did people need to know to do it?"),
        ["custom"] = (
            "Your organisation asked the coach to point out this wording.",
            "Is there another way to say it?"),
    };

    public static (string Message, string Suggestion) For(string rule) =>
        ByRule.TryGetValue(rule, out var advice) ? advice : ByRule["custom"];

    public static IEnumerable<KeyValuePair<string, (string Message, string Suggestion)>> All => ByRule;
}
