using System.Text;
using Fireside.Core;
using Fireside.Core.Reviews;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Fireside.Web.Features.Reviews;

/// <summary>Reviews and their timelines over HTTP. Errors come back as RFC 9457 problem details.</summary>
public static class ReviewsApi
{
    public static void MapReviewsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/severities", (SeverityCatalog severities) => TypedResults.Ok(severities.Levels))
            .WithTags("Reviews").WithSummary("The severity levels this organisation uses.");

        var reviews = app.MapGroup("/api/reviews").WithTags("Reviews");

        reviews.MapGet("/", ListAsync).WithSummary("Reviews, most recently changed first.");
        reviews.MapPost("/", CreateAsync).WithSummary("Start a review.");
        reviews.MapGet("/{id:guid}", GetAsync).WithSummary("One review with its timeline.");
        reviews.MapPut("/{id:guid}", UpdateAsync)
            .WithSummary("Change a review. Send the version you read; a stale version gets 409 and nothing is overwritten.");
        reviews.MapDelete("/{id:guid}", DeleteAsync).WithSummary("Move a review to the deleted list (it can be restored).");
        reviews.MapPost("/import", async Task<Created<ReviewDocument>> (HttpRequest request, ReviewOperations operations, SeverityCatalog severities, CancellationToken ct) =>
        {
            var review = await operations.ImportAsync(await ReviewArchives.ParseAsync(request.Body, "The request body", ct), ct);
            return TypedResults.Created($"/api/reviews/{review.Id}", ReviewDocument.From(review, severities));
        }).WithSummary("Restore a review from its JSON export (everything it held, with its ids). A review that is already here gets 409.")
          .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(ImportEndpoints.MaxUploadBytes));
        reviews.MapPost("/{id:guid}/restore", RestoreAsync).WithSummary("Bring back a deleted review.");
        reviews.MapGet("/{id:guid}/export", ExportAsync).WithSummary("Download a review as Markdown, JSON (everything it holds, re-importable) or self-contained HTML. The three hold the same story; the Markdown links uploaded images with a signed link that works for 7 days, the HTML carries them inside.");

        var timeline = reviews.MapGroup("/{id:guid}/timeline").WithTags("Timeline");
        timeline.MapGet("/", GetTimelineAsync).WithSummary("The timeline in time order.");
        timeline.MapPost("/", AddEntryAsync).WithSummary("Add a moment to the timeline.");
        timeline.MapPut("/{entryId:guid}", UpdateEntryAsync).WithSummary("Change a timeline entry (send its version).");
        timeline.MapDelete("/{entryId:guid}", DeleteEntryAsync).WithSummary("Remove a timeline entry.");

        var accounts = reviews.MapGroup("/{id:guid}").WithTags("Accounts");
        accounts.MapGet("/accounts", async (Guid id, ReviewOperations reviews, CancellationToken ct) =>
            TypedResults.Ok((await reviews.GetAsync(id, ct)).Accounts.OrderBy(a => a.CreatedAt).Select(AccountDocument.From).ToList()))
            .WithSummary("Every account in the review.");
        accounts.MapPost("/timeline/{entryId:guid}/accounts", async Task<Created<AccountDocument>> (Guid id, Guid entryId, AccountInput input, ReviewOperations reviews, CancellationToken ct) =>
        {
            var account = await reviews.AddAccountAsync(id, entryId, input, ct);
            return TypedResults.Created($"/api/reviews/{id}/accounts/{account.Id}", AccountDocument.From(account));
        }).WithSummary("Add someone's account of a moment: what they saw, believed, did, and why it made sense.");
        accounts.MapPost("/accounts", async Task<Created<AccountDocument>> (Guid id, AccountInput input, ReviewOperations reviews, CancellationToken ct) =>
        {
            var account = await reviews.AddSpanAccountAsync(id, input, ct);
            return TypedResults.Created($"/api/reviews/{id}/accounts/{account.Id}", AccountDocument.From(account));
        }).WithSummary("Add someone's account of a stretch of time (send spanStartsAt and spanEndsAt) rather than of one moment.");
        accounts.MapGet("/accounts/{accountId:guid}", async Task<Ok<AccountDocument>> (Guid id, Guid accountId, ReviewOperations reviews, CancellationToken ct) =>
            TypedResults.Ok(AccountDocument.From(await reviews.FindAccountAsync(id, accountId, ct))))
            .WithSummary("One account.");
        accounts.MapPut("/accounts/{accountId:guid}", async Task<Ok<AccountDocument>> (Guid id, Guid accountId, AccountInput input, ReviewOperations reviews, CancellationToken ct) =>
            TypedResults.Ok(AccountDocument.From(await reviews.UpdateAccountAsync(id, accountId, input, ct))))
            .WithSummary("Change an account (send its version).");
        accounts.MapDelete("/accounts/{accountId:guid}", async Task<NoContent> (Guid id, Guid accountId, ReviewOperations reviews, CancellationToken ct) =>
        {
            await reviews.DeleteAccountAsync(id, accountId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove an account.");
    }

    /// <summary>Images shown with moments: uploaded (multipart, field "file") or linked (JSON with "url").</summary>
    public static void MapAttachmentsApi(this IEndpointRouteBuilder app)
    {
        var attachments = app.MapGroup("/api/reviews/{id:guid}").WithTags("Attachments");
        attachments.MapPost("/timeline/{entryId:guid}/attachments", async Task<Created<AttachmentDocument>> (Guid id, Guid entryId, HttpContext http, ReviewOperations reviews, CancellationToken ct) =>
        {
            Attachment attachment;
            if (http.Request.HasFormContentType)
            {
                var form = await http.Request.ReadFormAsync(ct);
                var file = form.Files["file"] ?? throw DomainValidationException.For("file", "Please send the image in a form field named \"file\".");
                attachment = await reviews.AddUploadAsync(id, entryId, file.FileName, await AttachmentUpload.ReadAsync(file, ct), form["caption"], ct);
            }
            else
            {
                LinkedImage? link;
                try
                {
                    link = await http.Request.ReadFromJsonAsync<LinkedImage>(ct);
                }
                catch (System.Text.Json.JsonException e)
                {
                    throw new BadHttpRequestException("The request body is not valid JSON.", e);
                }

                if (link is null)
                {
                    throw DomainValidationException.For("url", "Please send the image's url and caption as JSON.");
                }
                attachment = await reviews.AddLinkedImageAsync(id, entryId, link.Url, link.Caption, ct);
            }

            return TypedResults.Created(AttachmentDocument.ContentPath(attachment), AttachmentDocument.From(attachment));
        })
        .DisableAntiforgery()
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(AttachmentUpload.RequestLimit))
        .WithSummary("Add an image to a moment: a PNG, JPEG, GIF or WebP upload (multipart form, fields file and caption, up to 10 MB) or a link (JSON: url, caption).");

        attachments.MapGet("/attachments/{attachmentId:guid}/content", async (Guid id, Guid attachmentId, HttpContext http, ReviewOperations reviews, CancellationToken ct) =>
        {
            var (attachment, bytes) = await reviews.GetUploadAsync(id, attachmentId, ct);
            // The type was checked from the bytes on upload; never let a browser guess otherwise or run anything in it.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return TypedResults.File(bytes, attachment.ContentType ?? "application/octet-stream");
        }).WithSummary("An uploaded image's bytes.");

        attachments.MapDelete("/attachments/{attachmentId:guid}", async Task<NoContent> (Guid id, Guid attachmentId, ReviewOperations reviews, CancellationToken ct) =>
        {
            await reviews.DeleteAttachmentAsync(id, attachmentId, ct);
            return TypedResults.NoContent();
        }).WithSummary("Remove an image from a moment.");
    }

    private sealed record LinkedImage(string? Url, string? Caption);

    private static async Task<Ok<List<ReviewSummary>>> ListAsync(Permissions permissions, bool? deleted, CancellationToken cancellationToken) =>
        TypedResults.Ok(await Summaries(permissions.ReadableReviews(deleted == true)).ToListAsync(cancellationToken));

    /// <summary>Shared by the API and the reviews page.</summary>
    public static IQueryable<ReviewSummary> Summaries(IQueryable<Review> reviews) =>
        reviews
            .OrderByDescending(r => r.UpdatedAt)
            .Select(r => new ReviewSummary(
                r.Id,
                r.Title,
                r.Status,
                r.Severity,
                r.IncidentStartedAt == null ? null : new DateTimeOffset(r.IncidentStartedAt.Value),
                new DateTimeOffset(r.UpdatedAt),
                r.Services,
                r.Tags,
                r.Timeline.Count));

    private static async Task<Created<ReviewDocument>> CreateAsync(ReviewInput input, ReviewOperations reviews, SeverityCatalog severities, CancellationToken cancellationToken)
    {
        var review = await reviews.CreateAsync(input, cancellationToken);
        return TypedResults.Created($"/api/reviews/{review.Id}", ReviewDocument.From(review, severities));
    }

    private static async Task<Ok<ReviewDocument>> GetAsync(Guid id, ReviewOperations reviews, SeverityCatalog severities, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReviewDocument.From(await reviews.GetAsync(id, cancellationToken), severities));

    private static async Task<Ok<ReviewDocument>> UpdateAsync(Guid id, ReviewInput input, ReviewOperations reviews, SeverityCatalog severities, CancellationToken cancellationToken)
    {
        var review = await reviews.UpdateAsync(id, input, cancellationToken);
        return TypedResults.Ok(ReviewDocument.From(review, severities));
    }

    private static async Task<NoContent> DeleteAsync(Guid id, ReviewOperations reviews, CancellationToken cancellationToken)
    {
        await reviews.DeleteAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<ReviewDocument>> RestoreAsync(Guid id, ReviewOperations reviews, SeverityCatalog severities, CancellationToken cancellationToken) =>
        TypedResults.Ok(ReviewDocument.From(await reviews.RestoreAsync(id, cancellationToken), severities));

    private static async Task<FileContentHttpResult> ExportAsync(
        Guid id, string? format, HttpContext http, ReviewOperations reviews, SeverityCatalog severities, MarkdownRenderer markdown, SharedImageLinks links, CancellationToken cancellationToken)
    {
        var review = await reviews.GetAsync(id, cancellationToken);
        var slug = Slug(review.Title);
        return (format ?? "markdown").ToLowerInvariant() switch
        {
            "markdown" or "md" => TypedResults.File(Encoding.UTF8.GetBytes(ReviewExport.ToMarkdown(await reviews.ExportAsync(id, cancellationToken), severities, image => links.Link(http, image))), "text/markdown; charset=utf-8", $"{slug}.md"),
            "json" => TypedResults.File(Encoding.UTF8.GetBytes(ReviewArchives.ToJson(await reviews.ExportAsync(id, cancellationToken))), "application/json", $"{slug}.json"),
            "html" => TypedResults.File(Encoding.UTF8.GetBytes(ReviewHtml.Render(await reviews.ExportAsync(id, cancellationToken), severities, markdown)), "text/html; charset=utf-8", $"{slug}.html"),
            _ => throw DomainValidationException.For("format", $"\"{format}\" is not an export format Fireside knows. Use markdown, json or html."),
        };
    }

    private static async Task<Ok<List<TimelineEntryDocument>>> GetTimelineAsync(Guid id, ReviewOperations reviews, CancellationToken cancellationToken)
    {
        var review = await reviews.GetAsync(id, cancellationToken);
        return TypedResults.Ok(review.OrderedTimeline.Select(e => TimelineEntryDocument.From(e, review.AccountsOf(e.Id), review.AttachmentsOf(e.Id))).ToList());
    }

    private static async Task<Created<TimelineEntryDocument>> AddEntryAsync(Guid id, TimelineEntryInput input, ReviewOperations reviews, CancellationToken cancellationToken)
    {
        var entry = await reviews.AddEntryAsync(id, input, cancellationToken);
        return TypedResults.Created($"/api/reviews/{id}/timeline/{entry.Id}", TimelineEntryDocument.From(entry));
    }

    private static async Task<Ok<TimelineEntryDocument>> UpdateEntryAsync(Guid id, Guid entryId, TimelineEntryInput input, ReviewOperations reviews, CancellationToken cancellationToken) =>
        TypedResults.Ok(TimelineEntryDocument.From(await reviews.UpdateEntryAsync(id, entryId, input, cancellationToken)));

    private static async Task<NoContent> DeleteEntryAsync(Guid id, Guid entryId, ReviewOperations reviews, CancellationToken cancellationToken)
    {
        await reviews.DeleteEntryAsync(id, entryId, cancellationToken);
        return TypedResults.NoContent();
    }


    /// <summary>A file name from a title: lower case letters, digits and dashes.</summary>
    public static string Slug(string title)
    {
        var builder = new StringBuilder();
        foreach (var c in title.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "review" : slug[..Math.Min(slug.Length, 60)];
    }
}
