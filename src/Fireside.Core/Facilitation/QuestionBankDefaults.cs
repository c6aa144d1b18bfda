namespace Fireside.Core.Facilitation;

/// <summary>The looking-deeper prompts a new Fireside starts with; admins can change them.</summary>
public static class QuestionBankDefaults
{
    public static IReadOnlyList<(string Theme, string Text)> Questions { get; } =
    [
        ("Assumptions", "What did you expect to happen before you acted, and when did that picture change?"),
        ("Assumptions", "What told you your first idea about the problem no longer fit?"),
        ("Acting or waiting", "What made acting then feel like the right call? What made waiting feel right, where you waited?"),
        ("People as sources of truth", "Who did you turn to for an answer, and what made them the person to ask?"),
        ("Docs, alerts and graphs", "Which dashboard, alert or runbook helped you most? Which did you look at and set aside, and why?"),
        ("Common knowledge", "What do you know about this system that everyone else is assumed to know? Could you say it out loud for the room?"),
        ("Hard to raise", "Is there anything about this incident that feels awkward to bring up? How could we make room for it?"),
        ("Everyday routines", "What do you do every day that others might never have seen? Walk us through it as if we were new."),
        ("Surprises", "What surprised you? What did you believe before that you believe differently now?"),
    ];
}
