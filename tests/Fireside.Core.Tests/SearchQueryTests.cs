using Fireside.Core.Library;

namespace Fireside.Core.Tests;

public sealed class SearchQueryTests
{
    [Theory]
    [InlineData("database failover", "database failover")]
    [InlineData("kafka OR rabbitmq lag", "kafka OR rabbitmq lag")]
    [InlineData("\"database failover\" -dns", "\"database failover\" -dns")]
    [InlineData("\"left open", "\"left open\"")]
    [InlineData("OR failover OR", "failover")]
    [InlineData("NEAR(a b, 2) title:secret *", "\"NEAR a\" b 2 \"title secret\"")]
    [InlineData("e-mail", "\"e mail\"")]
    [InlineData("-\"exact words\" cache", "cache -\"exact words\"")]
    [InlineData("Zählerstände", "Zählerstände")]
    public void Parse_ReadsWhatPeopleType_AsWebSearchDoes(string typed, string understood)
    {
        Assert.Equal(understood, SearchQuery.Parse(typed).ToString());
    }

    [Fact]
    public void Or_BindsTheWordsOnEitherSide_IntoOneGroup()
    {
        var query = SearchQuery.Parse("outage kafka OR zookeeper");

        Assert.Equal(2, query.Required.Count);
        Assert.Equal(["kafka", "zookeeper"], query.Required[1].Select(t => t.Text));
    }

    [Theory]
    [InlineData("", "Type a word")]
    [InlineData("   ", "Type a word")]
    [InlineData("-dns -dhcp", "as well as the ones to leave out")]
    [InlineData("\"*\" ()", "no words to look for")]
    public void Parse_WithNothingToLookFor_SaysWhatToDo(string typed, string message)
    {
        var error = Assert.Throws<DomainValidationException>(() => SearchQuery.Parse(typed));

        Assert.Contains(message, error.Errors.For("q").Single());
    }

    [Fact]
    public void Parse_RefusesTooManyTerms()
    {
        var error = Assert.Throws<DomainValidationException>(() => SearchQuery.Parse(string.Join(' ', Enumerable.Range(0, 30).Select(i => $"w{i}"))));

        Assert.Contains("more than 24", error.Errors.For("q").Single());
    }

    [Fact]
    public void Snippet_FromMarkedText_GivesPlainTextAndRanges()
    {
        var snippet = SearchSnippet.FromMarked("the \u0002failover\u0003 took\nlong \u0002<b>\u0003", '\u0002', '\u0003');

        Assert.Equal("the failover took long <b>", snippet.Text);
        Assert.Equal([new TextRange(4, 8), new TextRange(23, 3)], snippet.Highlights);
    }
}
