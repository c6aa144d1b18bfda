using Fireside.Core;
using Fireside.Data;
using Fireside.Web.Features.Language;
using Fireside.Importers;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Fireside.Web.Features.Reviews;

public sealed record ImportResult(int Imported, int Duplicates, int OutsideWindow, int Actors, string Summary);

/// <summary>
/// Imports over HTTP: the API takes the file as the request body; the review page uploads it as a form.
/// The upload is kept in a temp file while it is read (zips need to seek), then removed.
/// </summary>
public static class ImportEndpoints
{
    public const long MaxUploadBytes = 512L * 1024 * 1024;

    public static void MapImportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/reviews/{id:guid}/import/{kind}", async Task<Ok<ImportResult>> (
            Guid id, string kind, string? since, string? until, string? timezone, string? date, HttpRequest request, ReviewOperations reviews, ImportLimits limits, CancellationToken ct) =>
        {
            var summary = await ImportAsync(reviews, limits, id, kind, request.Body, "upload", since, until, timezone, date, ct);
            return TypedResults.Ok(summary);
        })
        .WithTags("Timeline")
        .WithSummary("Import a Slack export (zip), chat log, Alertmanager or PagerDuty JSON, git log or CSV, sent as the request body. Idempotent and all-or-nothing.")
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes));

        app.MapPost("/reviews/{id:guid}/import", async (Guid id, HttpRequest request, FiresideDb db, ReviewOperations reviews, Permissions permissions, ImportLimits limits, ReviewFindings findings, CancellationToken ct) =>
        {
            // Who may add to the review is asked before the upload is read.
            await permissions.EnsureAsync(Fireside.Core.Access.ReviewAction.Contribute, id, ct);
            var form = await request.ReadFormAsync(ct);
            var file = form.Files["file"];
            try
            {
                if (file is null || file.Length == 0)
                {
                    throw DomainValidationException.For("file", "Please choose a file to import.");
                }

                await using var upload = file.OpenReadStream();
                var result = await ImportAsync(reviews, limits, id, form["kind"].ToString(), upload, file.FileName, form["since"], form["until"], form["timezone"], form["date"], ct, localTimes: true);
                // The coach reads the new entries now, while the person waits for the import anyway, so the page they land on is quick.
                await findings.ForReviewAsync(db, id, ct);
                return PageNotices.Redirect($"/reviews/{id}", "timeline", NoticeKind.Done, result.Summary);
            }
            catch (DomainValidationException invalid)
            {
                var message = invalid.Errors.Messages();
                return PageNotices.Redirect($"/reviews/{id}", "import", NoticeKind.ImportProblem, message);
            }
        })
        .ExcludeFromDescription()
        .DisableAntiforgery()
        .RequireAntiforgery()
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes));
    }

    /// <summary>Restores a review from its JSON export, uploaded on the reviews page.</summary>
    public static void MapReviewRestoreEndpoint(this IEndpointRouteBuilder app) =>
        app.MapPost("/reviews/import", async (HttpRequest request, ReviewOperations reviews, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            var file = form.Files["file"];
            try
            {
                if (file is null || file.Length == 0)
                {
                    throw DomainValidationException.For("file", "Please choose a review's JSON export to restore.");
                }

                await using var upload = file.OpenReadStream();
                var review = await reviews.ImportAsync(await ReviewArchives.ParseAsync(upload, file.FileName, ct), ct);
                return Results.LocalRedirect($"/reviews/{review.Id}");
            }
            catch (Exception e) when (e is DomainValidationException or ConflictException or ForbiddenException)
            {
                var message = e is DomainValidationException invalid ? invalid.Errors.Messages() : e.Message;
                return PageNotices.Redirect("/", "restore", NoticeKind.RestoreProblem, message);
            }
        })
        .ExcludeFromDescription()
        .DisableAntiforgery()
        .RequireAntiforgery()
        .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBytes));

    private static async Task<ImportResult> ImportAsync(
        ReviewOperations reviews, ImportLimits limits, Guid id, string kind, Stream body, string fileName, string? since, string? until, string? timezone, string? date,
        CancellationToken ct, bool localTimes = false)
    {
        var errors = new ValidationErrors();
        var importer = Importers.Importers.Find(kind);
        if (importer is null)
        {
            errors.Add("kind", $"\"{kind}\" is not something Fireside imports. Use one of: {string.Join(", ", Importers.Importers.All.Select(i => i.Name))}.");
        }

        var zone = TimeZoneInfo.Utc;
        if (!string.IsNullOrWhiteSpace(timezone) && !TimeZoneInfo.TryFindSystemTimeZoneById(timezone, out zone!))
        {
            errors.Add("timezone", $"\"{timezone}\" is not a time zone this server knows. Use an IANA id such as Europe/Berlin.");
            zone = TimeZoneInfo.Utc;
        }

        var from = ParseTime(since, "since", zone, localTimes, errors);
        var to = ParseTime(until, "until", zone, localTimes, errors);
        DateOnly? day = null;
        if (!string.IsNullOrWhiteSpace(date))
        {
            if (DateOnly.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                day = parsed;
            }
            else
            {
                errors.Add("date", $"\"{date}\" is not a date in the form YYYY-MM-DD.");
            }
        }

        if (!errors.IsValid)
        {
            throw new DomainValidationException(errors);
        }

        var temp = Path.Combine(Path.GetTempPath(), $"fireside-import-{Guid.NewGuid():N}");
        try
        {
            await using (var file = File.Create(temp))
            {
                await body.CopyToAsync(file, ct);
            }

            var options = new ImportOptions { TimeZone = zone, Date = day, FileName = Path.GetFileName(fileName), Limits = limits };
            ImportSummary summary;
            try
            {
                summary = await reviews.ImportTimelineAsync(id, () => Importers.Importers.FromFile(importer!, temp, options), from, to, limits, ct);
            }
            catch (ImportFormatException e)
            {
                throw DomainValidationException.For("file", $"Nothing was imported. {e.Message}");
            }

            return new ImportResult(summary.Imported, summary.Duplicates, summary.OutsideWindow, summary.Actors, summary.ToString());
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static DateTime? ParseTime(string? text, string field, TimeZoneInfo zone, bool local, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var value))
        {
            // Form fields (datetime-local) carry no zone: read them in the chosen zone.
            return local && !text.EndsWith('Z') && !text.Contains('+', StringComparison.Ordinal)
                ? Importers.Importers.ToUtc(value.DateTime, zone, field)
                : value.UtcDateTime;
        }

        errors.Add(field, $"\"{text}\" is not a time Fireside can read. Use ISO 8601, such as 2026-11-24T10:42:00Z.");
        return null;
    }

}
