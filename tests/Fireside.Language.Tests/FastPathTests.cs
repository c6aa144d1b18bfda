namespace Fireside.Language.Tests;

/// <summary>
/// The shortcuts that keep the coach fast must never change what it finds: the filter that rules out
/// most words before the trigger lookup, the vectorised word reader, and the per-run sentence tables.
/// </summary>
public sealed class FastPathTests
{
    public static TheoryData<string> TriggerWords()
    {
        var data = new TheoryData<string>();
        foreach (var word in Rules.Triggers.Keys.Where(w => w.Length <= 24))
        {
            data.Add(word);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TriggerWords))]
    public void EveryTrigger_PassesTheFilter_InAnyCaseAndWithEitherApostrophe(string word)
    {
        Assert.True(LanguageCoach.MayTrigger(word));
        Assert.True(LanguageCoach.MayTrigger(word.ToUpperInvariant()));
        Assert.True(LanguageCoach.MayTrigger(char.ToUpperInvariant(word[0]) + word[1..]));
        Assert.True(LanguageCoach.MayTrigger(word.Replace('\'', '’')));
    }

    [Fact]
    public void TheFilter_RulesOutMostEverydayWords()
    {
        string[] everyday = ["the", "database", "restarted", "queue", "messages", "dashboard", "service", "traffic", "latency", "engineer"];

        Assert.True(everyday.Count(w => !LanguageCoach.MayTrigger(w)) >= 7);
    }

    [Fact]
    public void ShoutedWords_AreStillRead()
    {
        var findings = new LanguageCoach().Check("WE SHOULD HAVE CAUGHT THIS BEFORE THE DEPLOY.");

        Assert.Contains(findings, f => f.Category == Category.Counterfactual);
    }

    [Theory]
    [InlineData("Zählerstände", "Zählerstände")]
    [InlineData("naïve", "naïve")]
    [InlineData("O’Neil", "O’Neil")]
    [InlineData("e-mail", "e-mail")]
    [InlineData("v1.2", "v1.2")]
    [InlineData("user_id", "user_id")]
    [InlineData("Ωmega", "Ωmega")]
    [InlineData("end.", "end")]
    [InlineData("dash-", "dash")]
    public void Words_AreReadWhole_WhateverTheirLetters(string text, string word)
    {
        var words = new List<string>();
        new Scanner(text + " after", markdown: true, tokens =>
        {
            words.AddRange(tokens.Where(t => t.Kind == TokenKind.Word).Select(t => (text + " after").Substring(t.Start, t.Length)));
        }).Run();

        Assert.Equal([word, "after"], words);
    }

    [Theory]
    [InlineData("We restarted it. Then, after a pause (a long one), Kim paged the team! Done")]
    [InlineData(". . Leading stops, then words")]
    [InlineData("no stop at all, only clauses; and more")]
    [InlineData("One.\n\nTwo: three — four… five? Six")]
    public void SentenceAndClauseTables_AgreeWithAPlainWalk(string text)
    {
        var checkedRuns = 0;
        RuleContext? context = null;
        context = new RuleContext(text, (_, _, _, _, _) => { });
        new Scanner(text, markdown: true, tokens =>
        {
            context.Tokens = tokens;
            for (var i = 0; i < tokens.Count; i++)
            {
                Assert.Equal(PlainSentenceStart(tokens, i), context.SentenceStart(i));
                Assert.Equal(PlainSentenceEnd(tokens, i), context.SentenceEnd(i));
                Assert.Equal(PlainClauseStart(tokens, i), context.ClauseStart(i));
            }

            checkedRuns++;
        }).Run();

        Assert.True(checkedRuns > 0);
    }

    // The definitions the tables stand for, one token at a time: a stop belongs to the sentence before
    // it for where the sentence starts, and its end is the end of the sentence after it.
    private static int PlainSentenceStart(List<Token> tokens, int i)
    {
        var k = i;
        while (k > 0 && tokens[k - 1].Kind != TokenKind.Stop)
        {
            k--;
        }

        return k;
    }

    private static int PlainSentenceEnd(List<Token> tokens, int i)
    {
        var k = i;
        while (k + 1 < tokens.Count && tokens[k + 1].Kind != TokenKind.Stop)
        {
            k++;
        }

        return k;
    }

    private static int PlainClauseStart(List<Token> tokens, int i)
    {
        var k = i;
        while (k > 0 && tokens[k - 1].Kind == TokenKind.Word)
        {
            k--;
        }

        return k;
    }
}
