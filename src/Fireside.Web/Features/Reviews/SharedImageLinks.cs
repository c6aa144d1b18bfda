using System.Security.Cryptography;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Features.Facilitation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Fireside.Web.Features.Reviews;

/// <summary>
/// Links to a review's uploaded images that work outside Fireside for a week, for the Markdown export (the HTML
/// export carries the images inside it). A link names the review and the image, protected and dated with ASP.NET
/// Core Data Protection: only someone who could export the review gets one, nobody can make one for another image
/// or stretch its date, and it stops working after <see cref="Lifetime"/>.
/// </summary>
public sealed class SharedImageLinks(IDataProtectionProvider protection, TimeProvider clock, IOptions<NotificationOptions> options)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("Fireside.SharedImages").ToTimeLimitedDataProtector();

    /// <summary>The absolute link to an uploaded image, for someone who just read the review (the caller asked the permission service).</summary>
    public string Link(HttpContext http, Attachment attachment)
    {
        return $"{options.Value.SiteUrl(http)}/shared/images/{_protector.Protect($"{attachment.ReviewId:N}.{attachment.Id:N}", clock.GetUtcNow() + Lifetime)}";
    }

    /// <summary>The review and image a link names, or null when it is not one of ours, was changed, or has run out.</summary>
    public (Guid ReviewId, Guid AttachmentId)? Read(string token)
    {
        try
        {
            var parts = _protector.Unprotect(token, out _).Split('.');
            return parts.Length == 2 && Guid.TryParseExact(parts[0], "N", out var review) && Guid.TryParseExact(parts[1], "N", out var image) ? (review, image) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public static void MapSharedImages(IEndpointRouteBuilder app) =>
        app.MapGet("/shared/images/{token}", async (string token, HttpContext http, SharedImageLinks links, FiresideDb db, CancellationToken ct) =>
        {
            // Whoever holds the link may see this one image while it lasts: the right was checked when the review was exported.
            var content = links.Read(token) is var (reviewId, imageId)
                ? await db.Attachments.AsNoTracking()
                    .Where(a => a.Id == imageId && a.ReviewId == reviewId && db.Reviews.Any(r => r.Id == reviewId))
                    .Join(db.AttachmentContents.AsNoTracking(), a => a.Id, c => c.AttachmentId, (a, c) => new { a.ContentType, c.Bytes })
                    .FirstOrDefaultAsync(ct)
                : null;
            if (content is null)
            {
                return Results.Text("This image link has run out or is not one of ours. Export the review again for a fresh one.", statusCode: StatusCodes.Status404NotFound);
            }

            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.File(content.Bytes, content.ContentType ?? "application/octet-stream");
        }).AllowAnonymous().ExcludeFromDescription();
}
