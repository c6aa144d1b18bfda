using Fireside.Core;
using Fireside.Core.Library;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Features.Facilitation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fireside.Web.Features.Library;

/// <summary>Section "Library": how often subscriptions are checked for newly published reviews.</summary>
public sealed class LibraryOptions
{
    [System.ComponentModel.DataAnnotations.Range(1, 86_400)]
    public int DeliveryIntervalSeconds { get; set; } = 60;
}

/// <summary>
/// Tells subscribers about newly published reviews that match their saved searches: by email to each
/// subscriber, and once to the webhook. Each review is claimed per channel in the database before its
/// message goes out, so nobody is told twice, even with several Fireside instances checking at once.
/// </summary>
public sealed partial class SubscriptionDeliverer(
    FiresideDb db, SeverityCatalog severities, Notifier notifier, IOptions<NotificationOptions> notifications, TimeProvider clock, ILogger<SubscriptionDeliverer> logger)
{
    /// <summary>How far back a newly published review is still news.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromDays(7);

    public async Task<int> DeliverAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var since = now.UtcDateTime - Window;
        var published = await db.Reviews.AsNoTracking()
            .Where(r => r.Status == ReviewStatus.Published && r.PublishedAt >= since)
            .Select(r => new { r.Id, r.Title, r.TlDr, PublishedAt = r.PublishedAt!.Value, Restricted = r.Visibility == Core.Access.ReviewVisibility.Restricted })
            .ToListAsync(cancellationToken);
        if (published.Count == 0)
        {
            return 0;
        }

        var subscriptions = await db.SavedSearches.AsNoTracking().Where(s => s.ByEmail || s.ByWebhook)
            .Join(db.Users, s => s.UserId, u => u.Id, (s, u) => new { Search = s, u.Email, u.DisplayName, u.LockoutEnd })
            .OrderBy(s => s.Search.CreatedAt)
            .ToListAsync(cancellationToken);
        var admins = (await Permissions.AdminIds(db).ToListAsync(cancellationToken)).ToHashSet();
        var sent = 0;
        foreach (var subscription in subscriptions)
        {
            if (subscription.LockoutEnd is { } end && end > now)
            {
                continue;
            }

            var candidates = published.Where(p => p.PublishedAt >= subscription.Search.CreatedAt).Select(p => p.Id).ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            // Matched as the subscriber would search: only reviews they may read.
            var reader = CurrentUser.Person(subscription.Search.UserId, subscription.DisplayName, admins.Contains(subscription.Search.UserId));
            IReadOnlyList<Guid> matches;
            try
            {
                matches = await new SearchOperations(db, new Permissions(db, reader), severities).MatchingAsync(subscription.Search.ToRequest(), candidates, cancellationToken);
            }
            catch (DomainValidationException invalid)
            {
                SearchNoLongerReads(logger, subscription.Search.Id, invalid.Errors.Messages());
                continue;
            }

            foreach (var review in published.Where(p => matches.Contains(p.Id)))
            {
                var link = Link(review.Id);
                var name = subscription.Search.Name;
                if (subscription.Search.ByEmail && !string.IsNullOrWhiteSpace(subscription.Email) && await ClaimAsync($"email:{subscription.Search.UserId}", review.Id, cancellationToken))
                {
                    await notifier.SendAsync(new Notification(
                        $"A new review for “{name}”: {review.Title}",
                        $"“{review.Title}” was published, and it matches your saved search “{name}”.{(review.TlDr.Length > 0 ? $"\n\n{review.TlDr}" : "")}",
                        [(subscription.DisplayName, subscription.Email!)],
                        link,
                        Private: true), cancellationToken);
                    sent++;
                }

                // The webhook reaches a shared channel: a restricted review is never announced there.
                if (subscription.Search.ByWebhook && !review.Restricted && await ClaimAsync("webhook", review.Id, cancellationToken))
                {
                    await notifier.SendAsync(new Notification($"Published: {review.Title}", $"A review was published: “{review.Title}” (it matches the saved search “{name}”).", [], link), cancellationToken);
                    sent++;
                }
            }
        }

        return sent;
    }

    private string? Link(Guid reviewId) =>
        notifications.Value.PublicUrl is { Length: > 0 } url ? $"{url.TrimEnd('/')}/reviews/{reviewId}" : null;

    /// <summary>Records that this channel is told about this review; false when it already was (here or by another instance).</summary>
    private async Task<bool> ClaimAsync(string channel, Guid reviewId, CancellationToken cancellationToken)
    {
        if (await db.SubscriptionDeliveries.AnyAsync(d => d.Channel == channel && d.ReviewId == reviewId, cancellationToken))
        {
            return false;
        }

        var delivery = new SubscriptionDelivery { Channel = channel, ReviewId = reviewId, SentAt = clock.GetUtcNow().UtcDateTime };
        db.SubscriptionDeliveries.Add(delivery);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance claimed it between the check and the insert.
            db.Entry(delivery).State = EntityState.Detached;
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saved search {SearchId} could not be run for its subscription: {Reason}")]
    private static partial void SearchNoLongerReads(ILogger logger, Guid searchId, string reason);
}

/// <summary>Checks subscriptions every <see cref="LibraryOptions.DeliveryIntervalSeconds"/> seconds.</summary>
public sealed partial class SubscriptionWorker(IServiceScopeFactory scopes, IOptions<LibraryOptions> options, ILogger<SubscriptionWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.DeliveryIntervalSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<SubscriptionDeliverer>().DeliverAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                DeliveryFailed(logger, e.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling subscribers about new reviews did not work this time: {Reason}")]
    private static partial void DeliveryFailed(ILogger logger, string reason);
}
