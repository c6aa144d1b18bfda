using Fireside.Core;
using Fireside.Core.Library;
using Fireside.Data;

namespace Fireside.Web.Features.Library;

/// <summary>The insights as CSV (each chart's numbers) and as JSON.</summary>
public static class InsightsEndpoints
{
    public static void MapInsights(this IEndpointRouteBuilder app)
    {
        app.MapGet("/insights/{key}.csv", async (string key, string? from, string? to, string? service, string? team, InsightsOperations insights, CancellationToken ct) =>
        {
            var chart = (await insights.ChartsAsync(Request(from, to, service, team), ct)).FirstOrDefault(c => c.Key == key);
            return chart is null
                ? Results.NotFound()
                : Results.File(System.Text.Encoding.UTF8.GetBytes(chart.ToCsv()), "text/csv; charset=utf-8", $"fireside-{chart.Key}.csv");
        }).ExcludeFromDescription();
        app.MapGet("/api/insights", async (string? from, string? to, string? service, string? team, InsightsOperations insights, CancellationToken ct) =>
            TypedResults.Ok(await insights.ChartsAsync(Request(from, to, service, team), ct)))
            .WithTags("Library")
            .WithSummary("The insights charts as tables: days from incident to meeting and to published review, interviews in time, breadth of participation, themes over time, the coach's notes per 1,000 words, facilitators, survey answers. Filters: from, to (days), service, team.")
            .ProducesValidationProblem();
    }

    /// <summary>Reads the filters as they come in a link, naming any that cannot be read.</summary>
    public static InsightsRequest Request(string? from, string? to, string? service, string? team)
    {
        var errors = new ValidationErrors();
        static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        var request = new InsightsRequest(SearchRequest.ParseDay(from, "from", errors), SearchRequest.ParseDay(to, "to", errors), Clean(service), Clean(team));
        return errors.IsValid ? request : throw new DomainValidationException(errors);
    }
}
