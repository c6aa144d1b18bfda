using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Fireside.Core;
using Fireside.Core.Library;
using Fireside.Core.Reviews;
using Fireside.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Fireside.Cli;

/// <summary>
/// The `fireside` command. It reads the same settings as the web app (appsettings.json in the
/// current folder, then environment variables such as Database__Provider), and --database PATH
/// points it at a SQLite file.
/// </summary>
public static class FiresideCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    private static readonly Dictionary<string, string> OptionNames = new(StringComparer.Ordinal)
    {
        ["title"] = "--title",
        ["incidentStartedAt"] = "--started",
        ["detectedAt"] = "--detected",
        ["resolvedAt"] = "--resolved",
        ["severity"] = "--severity",
        ["q"] = "query",
        ["status"] = "--status",
        ["from"] = "--from",
        ["to"] = "--to",
        ["sort"] = "--sort",
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var database = new Option<string?>("--database")
        {
            Description = "Use this SQLite file instead of the configured database.",
            Recursive = true,
        };
        var root = new RootCommand("Fireside: blame-aware post mortems, from the command line.");
        root.Add(database);
        root.Add(DbCommand(database, output, error));
        root.Add(ReviewsCommand(database, output, error));
        root.Add(UsersCommand(database, output, error));
        root.Add(TokensCommand(database, output, error));
        root.Add(AuditCommand(database, output, error));
        root.Add(Lint.LintCommand.Create(output, error));
        root.Add(ImportCommand(database, output, error));
        root.Add(SearchCommand(database, output, error));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
        {
            foreach (var problem in parsed.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            await error.WriteLineAsync("Run with --help to see the commands and their options.");
            return BadInput;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    private static Command DbCommand(Option<string?> database, TextWriter output, TextWriter error)
    {
        var migrate = new Command("migrate", "Create the database or bring it up to the newest schema.");
        migrate.SetAction((result, ct) => RunAsync(result, database, error, migrate: false, async services =>
        {
            await services.MigrateFiresideDbAsync(ct);
            var options = DataServiceCollectionExtensions.ReadOptions(services.GetRequiredService<IConfiguration>());
            var where = options.Provider == DatabaseProvider.Sqlite ? options.SqlitePath : "PostgreSQL";
            await output.WriteLineAsync($"The database is up to date ({where}).");
            return Ok;
        }));

        var target = new Argument<FileInfo>("file") { Description = "Where to write the copy, for example fireside-2026-11-24.db." };
        var backup = new Command("backup", "Copy the SQLite database to a file while Fireside keeps running (PostgreSQL: use pg_dump).") { target };
        backup.SetAction((result, ct) => RunAsync(result, database, error, migrate: false, async services =>
        {
            var options = DataServiceCollectionExtensions.ReadOptions(services.GetRequiredService<IConfiguration>());
            if (options.Provider != DatabaseProvider.Sqlite)
            {
                await error.WriteLineAsync("fireside db backup copies SQLite databases. For PostgreSQL, use pg_dump, which is made for it.");
                return BadInput;
            }

            if (!File.Exists(options.SqlitePath))
            {
                await error.WriteLineAsync($"There is no database at {options.SqlitePath} yet, so there is nothing to back up.");
                return Failed;
            }

            var file = result.GetValue(target)!;
            if (file.Exists)
            {
                await error.WriteLineAsync($"{file.FullName} already exists. Choose a new file name, so no earlier backup is overwritten.");
                return BadInput;
            }

            await SqliteBackup.CopyAsync(options.SqlitePath, file.FullName, ct);
            await output.WriteLineAsync($"Backed up {options.SqlitePath} to {file.FullName}.");
            return Ok;
        }));

        return new Command("db", "Database maintenance.") { migrate, backup };
    }

    private static Command ReviewsCommand(Option<string?> database, TextWriter output, TextWriter error)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };

        var title = new Option<string>("--title") { Description = "The review's title.", Required = true };
        var started = new Option<string?>("--started") { Description = "When the incident started (ISO 8601; UTC unless it names a zone)." };
        var detected = new Option<string?>("--detected") { Description = "When it was detected (ISO 8601)." };
        var resolved = new Option<string?>("--resolved") { Description = "When it was resolved (ISO 8601)." };
        var severity = new Option<string?>("--severity") { Description = "One of the configured severity levels, such as SEV2." };
        var create = new Command("create", "Start a review and print its id.") { title, started, detected, resolved, severity, json };
        create.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var errors = new ValidationErrors();
            var input = new ReviewInput
            {
                Title = result.GetValue(title),
                IncidentStartedAt = ParseTime(result.GetValue(started), "--started", errors),
                DetectedAt = ParseTime(result.GetValue(detected), "--detected", errors),
                ResolvedAt = ParseTime(result.GetValue(resolved), "--resolved", errors),
                Severity = result.GetValue(severity),
            };
            var severities = services.GetRequiredService<SeverityCatalog>();
            if (!errors.IsValid)
            {
                // Report every problem at once, not just the unreadable times.
                errors.AddRange(ReviewRules.Validate(input, severities));
                throw new DomainValidationException(errors);
            }

            var review = await services.GetRequiredService<ReviewOperations>().CreateAsync(input, ct);
            await output.WriteLineAsync(result.GetValue(json) ? ReviewExport.ToJson(review, severities) : review.Id.ToString());
            return Ok;
        }));

        var deleted = new Option<bool>("--deleted") { Description = "List deleted reviews instead." };
        var list = new Command("list", "List reviews, most recently changed first.") { json, deleted };
        list.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            // The command line runs as the operator (an admin), through the same rule as everyone else.
            var query = services.GetRequiredService<Permissions>().ReadableReviews(result.GetValue(deleted));
            var reviews = await query.OrderByDescending(r => r.UpdatedAt).ToListAsync(ct);
            if (result.GetValue(json))
            {
                var severities = services.GetRequiredService<SeverityCatalog>();
                var documents = reviews.Select(r => ReviewDocument.From(r, severities) with { Timeline = [] });
                await output.WriteLineAsync(JsonSerializer.Serialize(documents, ReviewExport.JsonOptions));
                return Ok;
            }

            if (reviews.Count == 0)
            {
                await output.WriteLineAsync("No reviews yet.");
            }

            foreach (var review in reviews)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{review.Id}  {review.Status,-9}  {review.Severity ?? "-",-5}  {Durations.Utc(review.IncidentStartedAt),-20}  {review.Title}"));
            }

            return Ok;
        }));

        var showId = new Argument<Guid>("id") { Description = "The review's id." };
        var show = new Command("show", "Show one review with its timeline.") { showId, json };
        show.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var severities = services.GetRequiredService<SeverityCatalog>();
            var review = await services.GetRequiredService<ReviewOperations>().GetAsync(result.GetValue(showId), ct);
            await output.WriteAsync(result.GetValue(json) ? ReviewExport.ToJson(review, severities) + Environment.NewLine : ReviewExport.ToMarkdown(review, severities));
            return Ok;
        }));

        var exportId = new Argument<Guid>("id") { Description = "The review's id." };
        var format = new Option<string>("--format") { Description = "markdown or json.", DefaultValueFactory = _ => "markdown" };
        format.AcceptOnlyFromAmong("markdown", "json");
        var outputFile = new Option<FileInfo?>("--output", "-o") { Description = "Write to this file instead of standard output." };
        var export = new Command("export", "Export a review as Markdown or JSON.") { exportId, format, outputFile };
        export.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var severities = services.GetRequiredService<SeverityCatalog>();
            var archive = await services.GetRequiredService<ReviewOperations>().ExportAsync(result.GetValue(exportId), ct);
            var text = result.GetValue(format) == "json" ? ReviewArchives.ToJson(archive) + "\n" : ReviewExport.ToMarkdown(archive, severities);
            if (result.GetValue(outputFile) is { } file)
            {
                await File.WriteAllTextAsync(file.FullName, text, ct);
                await output.WriteLineAsync($"Wrote {file.FullName}");
            }
            else
            {
                await output.WriteAsync(text);
            }

            return Ok;
        }));

        var importPaths = new Argument<string[]>("path") { Description = "JSON exports of reviews, or folders of them (every *.json file in the folder).", Arity = ArgumentArity.OneOrMore };
        var import = new Command("import", "Restore reviews from their JSON exports, with everything they held. Each file is all or nothing; a bad file is named and the rest still come in.") { importPaths };
        import.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var files = new List<string>();
            var failed = 0;
            var exit = Ok;
            foreach (var path in result.GetValue(importPaths) ?? [])
            {
                if (Directory.Exists(path))
                {
                    files.AddRange(Directory.EnumerateFiles(path, "*.json").Order(StringComparer.Ordinal));
                }
                else if (File.Exists(path))
                {
                    files.Add(path);
                }
                else
                {
                    await error.WriteLineAsync($"{path}: there is no such file or folder.");
                    failed++;
                    exit = BadInput;
                }
            }

            if (files.Count == 1 && failed == 0)
            {
                // One file: its problem is the command's problem, with the usual exit codes.
                await output.WriteLineAsync(await ImportArchiveAsync(services, files[0], ct));
                return Ok;
            }

            // Many files: each all or nothing, restored together in groups (see ReviewOperations.ImportManyAsync).
            var imported = 0;
            await using var scope = services.CreateAsyncScope();
            var archives = files.Select(file => new ArchiveFile(file, () => File.OpenRead(file)));
            await foreach (var outcome in scope.ServiceProvider.GetRequiredService<ReviewOperations>().ImportManyAsync(archives, ct))
            {
                if (outcome.Review is { } review)
                {
                    await output.WriteLineAsync(Imported(review));
                    imported++;
                }
                else
                {
                    await error.WriteLineAsync($"{outcome.Name}: {outcome.Problem}");
                    failed++;
                    exit = outcome.BadInput || exit == BadInput ? BadInput : Failed;
                }
            }

            var reviews = $"{imported} review{(imported == 1 ? "" : "s")} imported";
            await output.WriteLineAsync(failed == 0 ? $"{reviews}." : $"{reviews}; {failed} file{(failed == 1 ? "" : "s")} could not be imported (named above).");
            return exit;
        }));

        return new Command("reviews", "Create, list, show, export and import reviews.") { create, list, show, export, import };
    }

    /// <summary>Restores one archive in a scope of its own, so a file that fails leaves nothing behind for the next.</summary>
    private static async Task<string> ImportArchiveAsync(IServiceProvider services, string path, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await using var stream = File.OpenRead(path);
        return Imported(await scope.ServiceProvider.GetRequiredService<ReviewOperations>().ImportAsync(await ReviewArchives.ParseAsync(stream, Path.GetFileName(path), ct), ct));
    }

    private static string Imported(Review review) => $"imported review {review.Id} ({review.Title}): {review.Timeline.Count} entries, {review.Accounts.Count} accounts";

    private static Command ImportCommand(Option<string?> database, TextWriter output, TextWriter error)
    {
        var kind = new Argument<string>("kind") { Description = "slack, chat, alertmanager, pagerduty, git or csv." };
        kind.AcceptOnlyFromAmong([.. Importers.Importers.All.Select(i => i.Name)]);
        var file = new Argument<FileInfo>("file") { Description = "The export or log to import." };
        var review = new Option<Guid>("--review") { Description = "The review whose timeline receives the entries.", Required = true };
        var since = new Option<string?>("--since") { Description = "Leave out entries before this time (ISO 8601)." };
        var until = new Option<string?>("--until") { Description = "Leave out entries after this time (ISO 8601)." };
        var zone = new Option<string?>("--timezone") { Description = "The zone of times written without one (IANA id such as Europe/Berlin; default UTC)." };
        var date = new Option<string?>("--date") { Description = "For chat logs whose lines carry only a time: the day they start on (YYYY-MM-DD)." };
        var command = new Command("import", "Add entries to a review's timeline from chat, alerts, deploys or CSV. Importing the same file again adds nothing new.")
        {
            kind, file, review, since, until, zone, date,
        };
        command.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var errors = new ValidationErrors();
            var from = ParseTime(result.GetValue(since), "--since", errors);
            var to = ParseTime(result.GetValue(until), "--until", errors);
            TimeZoneInfo timeZone = TimeZoneInfo.Utc;
            if (result.GetValue(zone) is { } zoneId && !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out timeZone!))
            {
                errors.Add("--timezone", $"\"{zoneId}\" is not a time zone this machine knows. Use an IANA id such as Europe/Berlin.");
                timeZone = TimeZoneInfo.Utc;
            }

            DateOnly? day = null;
            if (result.GetValue(date) is { } dateText)
            {
                if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                {
                    day = parsed;
                }
                else
                {
                    errors.Add("--date", $"\"{dateText}\" is not a date in the form YYYY-MM-DD.");
                }
            }

            var source = result.GetValue(file)!;
            if (!source.Exists)
            {
                errors.Add("file", $"{source.FullName} does not exist.");
            }

            if (!errors.IsValid)
            {
                throw new DomainValidationException(errors);
            }

            var importer = Importers.Importers.Find(result.GetValue(kind)!)!;
            var options = new Importers.ImportOptions { TimeZone = timeZone, Date = day, FileName = source.Name, Limits = services.GetRequiredService<Importers.ImportLimits>() };
            try
            {
                var summary = await services.GetRequiredService<ReviewOperations>().ImportTimelineAsync(
                    result.GetValue(review), () => Importers.Importers.FromFile(importer, source.FullName, options), from?.UtcDateTime, to?.UtcDateTime, options.Limits, ct);
                await output.WriteLineAsync(summary.ToString());
                return Ok;
            }
            catch (Importers.ImportFormatException e)
            {
                await error.WriteLineAsync($"Nothing was imported. {e.Message}");
                return BadInput;
            }
        }));
        return command;
    }

    private static Command SearchCommand(Option<string?> database, TextWriter output, TextWriter error)
    {
        var words = new Argument<string[]>("query") { Description = "What to look for: words (all must match), \"an exact phrase\", OR between alternatives, -word to leave one out.", Arity = ArgumentArity.OneOrMore };
        var service = new Option<string?>("--service") { Description = "Only reviews of this service." };
        var tag = new Option<string?>("--tag") { Description = "Only reviews with this tag." };
        var severity = new Option<string?>("--severity") { Description = "Only reviews at this severity." };
        var theme = new Option<string?>("--theme") { Description = "Only reviews with a contributing factor under this theme." };
        var status = new Option<string?>("--status") { Description = "Only reviews with this status (draft, preparing, scheduled, reviewed, published)." };
        var from = new Option<string?>("--from") { Description = "Only incidents on or after this day (2026-03-31)." };
        var to = new Option<string?>("--to") { Description = "Only incidents on or before this day." };
        var sort = new Option<string?>("--sort") { Description = "relevance (the default) or date (newest first)." };
        var limit = new Option<int>("--limit") { Description = "How many results to show (1 to 100).", DefaultValueFactory = _ => SearchRequest.PageSize };
        var json = new Option<bool>("--json") { Description = "Print JSON, in the shape GET /api/search answers with." };
        var search = new Command("search", "Search every review, as the library does.") { words, service, tag, severity, theme, status, from, to, sort, limit, json };
        search.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            // Every problem at once: the limit as well as the filters.
            var errors = new ValidationErrors();
            if (result.GetValue(limit) is < 1 or > 100)
            {
                errors.Add("--limit", "Choose a limit from 1 to 100.");
            }

            SearchRequest? request = null;
            try
            {
                request = SearchRequest.FromText(
                    string.Join(' ', result.GetValue(words) ?? []), result.GetValue(service), result.GetValue(tag), result.GetValue(severity),
                    result.GetValue(status), result.GetValue(from), result.GetValue(to), result.GetValue(sort), null, result.GetValue(theme)) with { Limit = result.GetValue(limit) };
            }
            catch (DomainValidationException invalid)
            {
                errors.AddRange(invalid.Errors);
            }

            if (!errors.IsValid || request is null)
            {
                throw new DomainValidationException(errors);
            }

            var found = await services.GetRequiredService<SearchOperations>().SearchAsync(request, ct);
            if (result.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(found, ReviewExport.JsonOptions));
                return Ok;
            }

            await output.WriteLineAsync(found.Total switch { 0 => $"No reviews match {found.Query}.", 1 => $"One review matches {found.Query}:", _ => $"{found.Total} reviews match {found.Query}:" });
            foreach (var hit in found.Results)
            {
                await output.WriteLineAsync($"{hit.ReviewId}  {hit.Title}  [{hit.Status.ToString().ToLowerInvariant()}{(hit.IncidentStartedAt is { } at ? ", " + at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")}]");
                if (hit.Snippet.Text.Length > 0)
                {
                    await output.WriteLineAsync($"    {Marked(hit.Snippet)}");
                }
            }

            if (found.Total > found.Results.Count)
            {
                await output.WriteLineAsync($"Showing {found.Results.Count} of {found.Total}; --limit shows more, filters show fewer.");
            }

            return Ok;
        }));

        var reindex = new Command("reindex", "Rebuild the search index from every review (after restoring a database by hand, for example).");
        reindex.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var count = await services.GetRequiredService<SearchOperations>().ReindexAsync(ct);
            await output.WriteLineAsync($"The search index holds {count} review{(count == 1 ? "" : "s")} again ({clock.Elapsed.TotalSeconds:0.0} s).");
            return Ok;
        }));
        search.Add(reindex);
        return search;
    }

    /// <summary>A snippet for a terminal: matches in [brackets].</summary>
    private static string Marked(SearchSnippet snippet)
    {
        var text = snippet.Text;
        foreach (var range in snippet.Highlights.OrderByDescending(r => r.Start))
        {
            text = text.Insert(range.Start + range.Length, "]").Insert(range.Start, "[");
        }

        return text;
    }

    private static Command UsersCommand(Option<string?> database, TextWriter output, TextWriter error)
    {
        var email = new Option<string>("--email") { Description = "Their email; they sign in with it.", Required = true };
        var password = new Option<string>("--password") { Description = $"A first password (at least {FiresideIdentity.PasswordMinLength} characters).", Required = true };
        var name = new Option<string?>("--name") { Description = "The name shown to others." };
        var admin = new Option<bool>("--admin") { Description = "Make them an admin." };
        var create = new Command("create", "Create an account.") { email, password, name, admin };
        create.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var user = await services.GetRequiredService<PeopleOperations>().AddAsync(
                result.GetValue(email), result.GetValue(name), result.GetValue(password), result.GetValue(admin), timeZone: null);
            await output.WriteLineAsync($"Created {user.Email}{(result.GetValue(admin) ? " (admin)" : "")}.");
            return Ok;
        }));

        var who = new Argument<string>("email") { Description = "The account's email." };
        var disable = new Command("disable", "Switch an account off: its sessions end and its API tokens stop at once.") { who };
        disable.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var person = await services.GetRequiredService<PeopleOperations>().DisableAsync(result.GetValue(who)!.Trim());
            await output.WriteLineAsync($"Switched off {person.Email}.");
            return Ok;
        }));
        var enable = new Command("enable", "Switch an account back on.") { who };
        enable.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var person = await services.GetRequiredService<PeopleOperations>().EnableAsync(result.GetValue(who)!.Trim());
            await output.WriteLineAsync($"Switched on {person.Email}.");
            return Ok;
        }));

        var reset = new Command("reset-password", "Print a one-time link (valid for a day) with which the person sets a new password.") { who };
        reset.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var (person, path) = await services.GetRequiredService<AccountOperations>().StartPasswordResetAsync(result.GetValue(who)!.Trim());
            var site = services.GetRequiredService<IConfiguration>()["Notifications:PublicUrl"]?.TrimEnd('/') ?? FiresideDefaults.Url;
            await output.WriteLineAsync($"Send this link to {person.Email} privately; it works once, for a day:");
            await output.WriteLineAsync(site + path);
            return Ok;
        }));

        var remove = new Command("remove", "Remove an account for good; what the person told stays in the reviews under their name.") { who };
        remove.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var person = await services.GetRequiredService<PeopleOperations>().RemoveAsync(result.GetValue(who)!.Trim(), ct);
            await output.WriteLineAsync($"Removed {person.Email}.");
            return Ok;
        }));

        return new Command("users", "Manage accounts.") { create, disable, enable, reset, remove };
    }

    private static Command TokensCommand(Option<string?> database, TextWriter output, TextWriter error)
    {
        var email = new Option<string>("--email") { Description = "Whose token it is.", Required = true };
        var name = new Option<string?>("--name") { Description = "A name to tell it apart, such as \"CI\"." };
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the token stops working by itself (ISO 8601, e.g. 2027-06-30T00:00:00Z)." };
        var create = new Command("create", "Create a personal API token and print it (it is shown only once).") { email, name, expires };
        create.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var address = result.GetValue(email)!.Trim();
            var user = await services.GetRequiredService<UserManager<FiresideUser>>().FindByEmailAsync(address);
            if (user is null)
            {
                await error.WriteLineAsync($"There is no account with the email {address}. Create one with `fireside users create`.");
                return Failed;
            }

            var (_, secret) = await services.GetRequiredService<AccountOperations>().CreateTokenForAsync(user.Id, result.GetValue(name) ?? "CLI", result.GetValue(expires), ct);
            await output.WriteLineAsync(secret);
            return Ok;
        }));

        var whose = new Option<string?>("--email") { Description = "Only this person's tokens." };
        var list = new Command("list", "List API tokens (id, owner, name, made, last used, expiry, revoked).") { whose };
        list.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var tokens = await services.GetRequiredService<AccountOperations>().AllTokensAsync(ct);
            var only = result.GetValue(whose)?.Trim();
            foreach (var token in tokens.Where(t => only is null || string.Equals(t.User?.Email, only, StringComparison.OrdinalIgnoreCase)))
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{token.Id}  {token.User?.Email,-30}  {token.Name,-20}  made {Durations.Utc(token.CreatedAt)}  used {(token.LastUsedAt is { } u ? Durations.Utc(u) : "never")}  expires {(token.ExpiresAt is { } x ? Durations.Utc(x) : "never")}{(token.RevokedAt is { } r ? $"  revoked {Durations.Utc(r)}" : "")}"));
            }

            return Ok;
        }));

        var tokenId = new Argument<Guid>("id") { Description = "The token's id (from `fireside tokens list`)." };
        var revoke = new Command("revoke", "Revoke a token: it stops working at once.") { tokenId };
        revoke.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var token = await services.GetRequiredService<AccountOperations>().RevokeTokenAsync(result.GetValue(tokenId), ct);
            await output.WriteLineAsync($"Revoked {token.Name} ({token.Prefix}…).");
            return Ok;
        }));

        return new Command("tokens", "Manage personal API tokens.") { create, list, revoke };
    }

    private static Command AuditCommand(Option<string?> database, TextWriter output, TextWriter error)
    {
        var kind = new Option<string?>("--kind") { Description = "Only this kind of event (signed-in, sign-in-failed, account-disabled, token-created, access-granted, …)." };
        var person = new Option<string?>("--person") { Description = "Only events by or about this person (name, email or id)." };
        var from = new Option<string?>("--from") { Description = "From this day (2026-03-31)." };
        var to = new Option<string?>("--to") { Description = "To this day, inclusive." };
        var page = new Option<string?>("--page") { Description = "Which page of 50 (1 is the newest)." };
        var json = new Option<bool>("--json") { Description = "Print the page as JSON, as GET /api/audit gives it." };
        var audit = new Command("audit", "Show the audit log, newest first: sign-ins, accounts, tokens, access to restricted reviews.") { kind, person, from, to, page, json };
        audit.SetAction((result, ct) => RunAsync(result, database, error, migrate: true, async services =>
        {
            var query = AuditQuery.FromText(result.GetValue(kind), result.GetValue(person), result.GetValue(from), result.GetValue(to), result.GetValue(page));
            var log = await services.GetRequiredService<AuditOperations>().PageAsync(query, ct);
            if (result.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(log, ReviewExport.JsonOptions));
                return Ok;
            }

            foreach (var e in log.Events)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{Durations.Utc(e.At)}  {e.Kind,-22}  {e.Subject}  by {e.Who}{(e.Via is null ? "" : $" (token {e.Via})")}{(e.Address is null ? "" : $" from {e.Address}")}{(e.Detail is null ? "" : $"  {e.Detail}")}"));
            }

            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{log.Total} events; page {log.Page} of {Math.Max(1, (log.Total + log.PageSize - 1) / log.PageSize)}."));
            return Ok;
        }));
        return audit;
    }

    /// <summary>Builds the services for one command, runs it, and turns known failures into clear messages and exit codes.</summary>
    private static async Task<int> RunAsync(ParseResult result, Option<string?> database, TextWriter error, bool migrate, Func<IServiceProvider, Task<int>> action)
    {
        try
        {
            await using var services = BuildServices(result.GetValue(database));
            var options = DataServiceCollectionExtensions.ReadOptions(services.GetRequiredService<IConfiguration>());
            if (migrate && options.ShouldMigrateOnStart)
            {
                await services.MigrateFiresideDbAsync();
            }

            return await action(services);
        }
        catch (DomainValidationException invalid)
        {
            foreach (var (field, messages) in invalid.Errors.ToDictionary())
            {
                foreach (var message in messages)
                {
                    await error.WriteLineAsync($"{OptionNames.GetValueOrDefault(field, field)}: {message}");
                }
            }

            return BadInput;
        }
        catch (NotFoundException missing)
        {
            await error.WriteLineAsync(missing.Message);
            return Failed;
        }
        catch (ConflictException conflict)
        {
            await error.WriteLineAsync(conflict.Message);
            return Failed;
        }
        catch (Exception e) when (e is Microsoft.Extensions.Options.OptionsValidationException or InvalidOperationException or DbUpdateException or System.Data.Common.DbException or IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"fireside could not finish: {e.Message}");
            return Failed;
        }
    }

    private static ServiceProvider BuildServices(string? databasePath)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(Directory.GetCurrentDirectory())
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        if (!string.IsNullOrWhiteSpace(databasePath))
        {
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
                ["Database:Path"] = databasePath,
            });
        }

        var config = configuration.Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging(logging => logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddFiresideData(config);
        services.AddSingleton(TimeProvider.System);
        // The command line runs on the machine that holds the database, so it acts as its operator, with an admin's rights.
        services.AddScoped(_ => CurrentUser.Operator());
        services.AddFiresideOperations();
        services.AddIdentityCore<FiresideUser>(FiresideIdentity.Configure)
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<FiresideDb>()
            .AddDefaultTokenProviders();
        // The same key ring and name as the web app, so a reset link made here works there.
        services.AddDataProtection().SetApplicationName(FiresideDefaults.ApplicationName);
        return services.BuildServiceProvider();
    }

    private static DateTimeOffset? ParseTime(string? text, string option, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        errors.Add(option, $"\"{text}\" is not a time Fireside can read. Use ISO 8601, such as 2026-11-24T10:42:00Z.");
        return null;
    }
}
