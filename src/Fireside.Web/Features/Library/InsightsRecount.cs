using Fireside.Core.Facilitation;
using Fireside.Data;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Fireside.Web.Features.Library;

/// <summary>
/// Reads every review's facts for the insights afresh and counts the whole organisation's charts (no filter) in the
/// background, a little more often than they are kept, so the insights page, whatever its filter, counts from facts
/// already read instead of its reader waiting for every review to be read. It reads as a member would (signed in,
/// not an admin); admins read the same reviews, so they share the facts.
/// </summary>
public sealed partial class InsightsRecount(
    IServiceScopeFactory scopes, IMemoryCache cache, TimeProvider clock, IOptions<FacilitationOptions> facilitation, IOptions<InsightsOptions> options, ILogger<InsightsRecount> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.KeepSeconds == 0)
        {
            return;
        }

        // Four fifths of the time they are kept, so the page always finds them; never more often than every 30 s.
        var every = TimeSpan.FromSeconds(Math.Max(30, options.Value.KeepSeconds * 0.8));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<FiresideDb>();
                var member = CurrentUser.Person("insights-recount", "Insights recount", isAdmin: false);
                await new InsightsOperations(db, new Permissions(db, member), clock, facilitation, cache, options).RecountAsync(new InsightsRequest(), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                RecountFailed(logger, e);
            }
        }
        while (await WaitAsync(every, stoppingToken));
    }

    private static async Task<bool> WaitAsync(TimeSpan every, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(every, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Counting the insights in the background did not work this time; the page counts them when asked.")]
    private static partial void RecountFailed(ILogger logger, Exception exception);
}
