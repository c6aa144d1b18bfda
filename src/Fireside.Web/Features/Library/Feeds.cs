using System.ServiceModel.Syndication;
using System.Xml;
using Fireside.Core;
using Fireside.Core.Library;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Features.Facilitation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fireside.Web.Features.Library;

/// <summary>
/// Atom feeds of published reviews and of each saved search, for feed readers and chat integrations. Read with
/// a personal feed token (<c>?token=</c>) or signed in; a feed shows only what its reader may read.
/// </summary>
public static class Feeds
{
    private const int Entries = 50;

    public static void MapFeeds(this IEndpointRouteBuilder app)
    {
        var feeds = app.MapGroup("/feeds").ExcludeFromDescription().AllowAnonymous();
        feeds.MapGet("/reviews.atom", async (string? token, HttpContext http, CancellationToken ct) =>
        {
            var services = http.RequestServices;
            if (await ReaderAsync(token, http, ct) is not { } reader)
            {
                return Results.Unauthorized();
            }

            var db = services.GetRequiredService<FiresideDb>();
            var permissions = new Permissions(db, reader);
            var reviews = await permissions.ReadableReviews()
                .Where(r => r.Status == ReviewStatus.Published && r.PublishedAt != null)
                .OrderByDescending(r => r.PublishedAt).Take(Entries)
                .Select(r => new Entry(r.Id, r.Title, r.TlDr, r.PublishedAt, r.UpdatedAt))
                .ToListAsync(ct);
            return Atom(http, "urn:fireside:feeds:reviews", "Published reviews · Fireside", "/library", reviews);
        });
        feeds.MapGet("/searches/{id:guid}.atom", async (Guid id, string? token, HttpContext http, CancellationToken ct) =>
        {
            var services = http.RequestServices;
            if (await ReaderAsync(token, http, ct) is not { } reader)
            {
                return Results.Unauthorized();
            }

            var db = services.GetRequiredService<FiresideDb>();
            var saved = await db.SavedSearches.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id && s.UserId == reader.Id, ct);
            if (saved is null)
            {
                return Results.NotFound();
            }

            var search = new SearchOperations(db, new Permissions(db, reader), services.GetRequiredService<SeverityCatalog>());
            var found = await search.SearchAsync(saved.ToRequest(Entries), ct);
            var reviews = found.Results.Select(r => new Entry(r.ReviewId, r.Title, r.Snippet.Text, r.PublishedAt, r.PublishedAt ?? r.IncidentStartedAt)).ToList();
            return Atom(http, $"urn:fireside:feeds:searches:{saved.Id}", $"{saved.Name} · Fireside", "/library", reviews);
        });
    }

    private sealed record Entry(Guid Id, string Title, string Summary, DateTime? PublishedAt, DateTime? UpdatedAt);

    /// <summary>The feed's reader: the owner of the token, or whoever is signed in.</summary>
    private static async Task<CurrentUser?> ReaderAsync(string? token, HttpContext http, CancellationToken ct)
    {
        var services = http.RequestServices;
        if (!string.IsNullOrEmpty(token))
        {
            return await SavedSearchOperations.FeedReaderAsync(services.GetRequiredService<FiresideDb>(), token, services.GetRequiredService<TimeProvider>().GetUtcNow(), ct);
        }

        var current = services.GetRequiredService<CurrentUser>();
        return current.IsSignedIn ? current : null;
    }

    private static IResult Atom(HttpContext http, string id, string title, string page, List<Entry> entries)
    {
        var publicUrl = http.RequestServices.GetRequiredService<IOptions<NotificationOptions>>().Value.PublicUrl;
        var site = new Uri(string.IsNullOrWhiteSpace(publicUrl) ? $"{http.Request.Scheme}://{http.Request.Host}/" : publicUrl.TrimEnd('/') + "/");
        var updated = entries.Select(e => e.UpdatedAt ?? e.PublishedAt).Max() ?? DateTime.UnixEpoch;
        var feed = new SyndicationFeed(title, "What the organisation learned from its incidents.", new Uri(site, page), id, new DateTimeOffset(DateTime.SpecifyKind(updated, DateTimeKind.Utc)));
        feed.Authors.Add(new SyndicationPerson { Name = "Fireside" });
        feed.Items = [.. entries.Select(e =>
        {
            var item = new SyndicationItem(e.Title, e.Summary, new Uri(site, $"reviews/{e.Id}"), $"urn:uuid:{e.Id}",
                new DateTimeOffset(DateTime.SpecifyKind(e.UpdatedAt ?? e.PublishedAt ?? DateTime.UnixEpoch, DateTimeKind.Utc)));
            if (e.PublishedAt is { } published)
            {
                item.PublishDate = new DateTimeOffset(DateTime.SpecifyKind(published, DateTimeKind.Utc));
            }

            return item;
        })];

        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }

        return Results.Bytes(buffer.ToArray(), "application/atom+xml; charset=utf-8");
    }
}
