using System.Text.Json;
using System.Text.Json.Serialization;
using Fireside.Core.Access;
using Fireside.Core.Facilitation;
using Fireside.Core.Library;
using Fireside.Core.Meetings;
using Fireside.Core.Reviews;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Fireside.Data;

/// <summary>
/// Fireside's database. One subclass per provider carries that provider's migrations
/// (<see cref="SqliteFiresideDb"/>, <see cref="PostgresFiresideDb"/>); code everywhere else uses this type.
/// </summary>
public abstract class FiresideDb(DbContextOptions options, IServiceProvider? services = null, TimeProvider? clock = null) : IdentityDbContext<FiresideUser>(options)
{
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<EndedSession> EndedSessions => Set<EndedSession>();
    public DbSet<LanguageDismissal> LanguageDismissals => Set<LanguageDismissal>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AttachmentContent> AttachmentContents => Set<AttachmentContent>();
    public DbSet<Participant> Participants => Set<Participant>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<PersonAlias> PersonAliases => Set<PersonAlias>();
    public DbSet<Interview> Interviews => Set<Interview>();
    public DbSet<FacilitatorNote> FacilitatorNotes => Set<FacilitatorNote>();
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<BankQuestion> Questions => Set<BankQuestion>();
    public DbSet<MeetingRoom> MeetingRooms => Set<MeetingRoom>();
    public DbSet<ParkingLotItem> ParkingLot => Set<ParkingLotItem>();
    public DbSet<MeetingNote> MeetingNotes => Set<MeetingNote>();
    public DbSet<Attendance> Attendance => Set<Attendance>();
    public DbSet<OrgSetting> Settings => Set<OrgSetting>();
    public DbSet<Takeaway> Takeaways => Set<Takeaway>();
    public DbSet<ContributingFactor> ContributingFactors => Set<ContributingFactor>();
    public DbSet<RemediationItem> RemediationItems => Set<RemediationItem>();
    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();
    public DbSet<SearchDocument> SearchDocuments => Set<SearchDocument>();
    public DbSet<SearchLabel> SearchLabels => Set<SearchLabel>();
    public DbSet<SearchEntry> SearchEntries => Set<SearchEntry>();
    public DbSet<WritingStat> WritingStats => Set<WritingStat>();
    public DbSet<ReviewInsight> ReviewInsights => Set<ReviewInsight>();
    public DbSet<Theme> Themes => Set<Theme>();
    public DbSet<FactorTheme> FactorThemes => Set<FactorTheme>();
    public DbSet<SavedSearch> SavedSearches => Set<SavedSearch>();
    public DbSet<SubscriptionDelivery> SubscriptionDeliveries => Set<SubscriptionDelivery>();
    public DbSet<FeedToken> FeedTokens => Set<FeedToken>();
    public DbSet<ReviewAccessGrant> AccessGrants => Set<ReviewAccessGrant>();
    public DbSet<AccessRequest> AccessRequests => Set<AccessRequest>();
    public DbSet<ChangeRecord> Changes => Set<ChangeRecord>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    /// <summary>
    /// Who the changes saved here are by, for their history (the person of this request, or the command line's
    /// operator). Found when the first change is recorded, not when the context is made: the context is made
    /// while the request is still being signed in, and the person is known only after.
    /// </summary>
    public CurrentUser? Author
    {
        get => author ??= services?.GetService(typeof(CurrentUser)) as CurrentUser;
        set => author = value;
    }

    private CurrentUser? author;

    /// <summary>
    /// While false, saving writes no history of its own: an import of many moments says what it brought in with one
    /// record (<see cref="RecordChange"/>) rather than one per moment.
    /// </summary>
    public bool RecordsChanges { get; set; } = true;

    /// <summary>The clock changes are recorded by: the app's (a test's, in tests).</summary>
    public TimeProvider Clock { get; set; } = clock ?? TimeProvider.System;

    /// <summary>The time changes are recorded at.</summary>
    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>Adds one record to the next save, for a change made in bulk (an import) or straight in the database.</summary>
    public void RecordChange(Guid reviewId, string part, string itemId, string change, string? before, string? after, DateTime at, bool isPrivate = false) =>
        Changes.Add(new ChangeRecord
        {
            ReviewId = reviewId,
            At = at,
            ActorId = Author?.Id,
            ActorName = Author is { IsSignedIn: true } ? Author.Name : "Fireside",
            Via = Author?.Via,
            Part = part,
            ItemId = itemId,
            Change = change,
            Before = before,
            After = after,
            Private = isPrivate,
        });

    /// <summary>
    /// Adds an event to the audit log, saved with the next save (so with the change it records). The actor is the
    /// person acting in this scope, unless <paramref name="actor"/> names someone (a sign-in, before it is made).
    /// </summary>
    public void RecordEvent(string kind, string subject, string? subjectId = null, Guid? reviewId = null, string? detail = null, (string? Id, string Name)? actor = null) =>
        AuditEvents.Add(new AuditEvent
        {
            At = Now,
            ActorId = actor is { } named ? named.Id : Author?.Id,
            ActorName = Shorten(actor?.Name ?? (Author is { IsSignedIn: true } ? Author.Name : "Fireside"), AuditEvent.SubjectMaxLength),
            Via = actor is null ? Author?.Via : null,
            Kind = kind,
            Subject = Shorten(subject, AuditEvent.SubjectMaxLength),
            SubjectId = subjectId,
            ReviewId = reviewId,
            Detail = detail is null ? null : Shorten(detail, AuditEvent.DetailMaxLength),
            Address = Author?.Address,
        });

    private static string Shorten(string value, int length) => value.Length <= length ? value : value[..length];

    /// <summary>
    /// While true, saving does not rebuild search documents; the caller calls <see cref="RefreshSearchAsync"/>
    /// before committing (a large import saves in batches and refreshes once).
    /// </summary>
    public bool SearchRefreshDeferred { get; set; }

    /// <summary>
    /// A new context on the same database, with a connection of its own, for a read that runs beside this context's
    /// (it sees only what is committed). The caller disposes it.
    /// </summary>
    public FiresideDb Beside() =>
        (FiresideDb)Activator.CreateInstance(GetType(), this.GetService<IDbContextOptions>(), null, null)!;

    /// <summary>How long one statement of a rebuild of the whole search index may take.</summary>
    public static readonly TimeSpan RebuildTimeout = TimeSpan.FromHours(2);

    /// <summary>
    /// In a query's projection, before its Take: how many rows the query has without the limit, counted in the same
    /// pass as the rows it returns (SQL's <c>count(*) OVER ()</c>), where a second query would read every row again.
    /// </summary>
    public static long RowsWithoutLimit() => throw new NotSupportedException("RowsWithoutLimit is only for queries the database runs.");

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // A built-in function's name is written as it stands, followed by its (empty) arguments: count(*) OVER ().
        builder.HasDbFunction(typeof(FiresideDb).GetMethod(nameof(RowsWithoutLimit))!).HasName("count(*) OVER ").IsBuiltIn();

        builder.Entity<FiresideUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.TimeZone).HasMaxLength(100);
        });

        builder.Entity<Review>(review =>
        {
            review.Property(r => r.Title).HasMaxLength(ReviewRules.TitleMaxLength);
            review.Property(r => r.Severity).HasMaxLength(50);
            review.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
            review.Property(r => r.Visibility).HasConversion<string>().HasMaxLength(20);
            review.Property(r => r.TimeZone).HasMaxLength(64).HasDefaultValue("UTC");
            // Restricted reviews are few: the readers' filter finds them here rather than reading every review.
            review.HasIndex(r => r.Visibility).HasFilter("\"Visibility\" = 'Restricted'");
            review.Property(r => r.Version).IsConcurrencyToken();
            review.Property(r => r.CreatedById).HasMaxLength(450);
            review.HasQueryFilter(r => r.DeletedAt == null);
            review.HasIndex(r => r.UpdatedAt);
            // Only deleted reviews are in this index (the deleted list reads it). Indexing every row's null taught
            // SQLite's planner to walk it for "not deleted" and sort, instead of using the index a query orders by.
            review.HasIndex(r => r.DeletedAt).HasFilter("\"DeletedAt\" IS NOT NULL");
            // The library's home: recently published, and reviews from this day in earlier years.
            review.HasIndex(r => r.PublishedAt);
            review.HasIndex(r => r.IncidentStartedAt);
            review.HasMany(r => r.Timeline).WithOne().HasForeignKey(e => e.ReviewId).OnDelete(DeleteBehavior.Cascade);
            review.HasMany(r => r.Accounts).WithOne().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Cascade);
            review.HasMany(r => r.Attachments).WithOne().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Cascade);
            review.Ignore(r => r.Impact);
            review.Ignore(r => r.TimeToDetect);
            review.Ignore(r => r.TimeToResolve);
            review.Ignore(r => r.IsDeleted);
            review.Ignore(r => r.OrderedTimeline);
            review.Ignore(r => r.HasScopeWindow);
            review.Ignore(r => r.SpanAccounts);
        });

        builder.Entity<TimelineEntry>(entry =>
        {
            entry.Property(e => e.Actor).HasMaxLength(ReviewRules.ActorMaxLength);
            entry.Property(e => e.Text).HasMaxLength(ReviewRules.EntryTextMaxLength);
            entry.Property(e => e.Link).HasMaxLength(ReviewRules.LinkMaxLength);
            entry.Property(e => e.Kind).HasConversion<string>().HasMaxLength(30);
            entry.Property(e => e.ActorKind).HasConversion<string>().HasMaxLength(20);
            entry.Property(e => e.Version).IsConcurrencyToken();
            entry.Property(e => e.Source).HasMaxLength(40);
            entry.Property(e => e.SourceKey).HasMaxLength(200);
            entry.HasIndex(e => new { e.ReviewId, e.SourceKey }).IsUnique();
            entry.Property(e => e.Phase).HasMaxLength(100);
            entry.Property(e => e.Scope).HasConversion<string>().HasMaxLength(20);
            // One index serves long timelines: pages in time order, and the counts and change checks read it
            // alone, without touching the rows. (A second index would slow large imports by about half.)
            entry.HasIndex(e => new { e.ReviewId, e.OccurredAt, e.IsHidden, e.Scope, e.UpdatedAt, e.Version });
        });

        builder.Entity<Account>(account =>
        {
            account.Property(a => a.Author).HasMaxLength(ReviewRules.ActorMaxLength);
            account.Property(a => a.Saw).HasMaxLength(ReviewRules.EntryTextMaxLength);
            account.Property(a => a.Believed).HasMaxLength(ReviewRules.EntryTextMaxLength);
            account.Property(a => a.Did).HasMaxLength(ReviewRules.EntryTextMaxLength);
            account.Property(a => a.WhySensible).HasMaxLength(ReviewRules.EntryTextMaxLength);
            account.Property(a => a.CreatedById).HasMaxLength(450);
            account.Property(a => a.Version).IsConcurrencyToken();
            account.HasIndex(a => new { a.ReviewId, a.EntryId });
            account.Ignore(a => a.IsSpan);
            // Removing an entry removes its accounts.
            account.HasOne<TimelineEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Attachment>(attachment =>
        {
            attachment.Property(a => a.Caption).HasMaxLength(AttachmentRules.CaptionMaxLength);
            attachment.Property(a => a.FileName).HasMaxLength(AttachmentRules.FileNameMaxLength);
            attachment.Property(a => a.ContentType).HasMaxLength(50);
            attachment.Property(a => a.Url).HasMaxLength(ReviewRules.LinkMaxLength);
            attachment.Property(a => a.CreatedById).HasMaxLength(450);
            attachment.Ignore(a => a.IsUpload);
            attachment.HasIndex(a => new { a.ReviewId, a.EntryId });
            attachment.HasOne<TimelineEntry>().WithMany().HasForeignKey(a => a.EntryId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AttachmentContent>(content =>
        {
            content.HasKey(c => c.AttachmentId);
            content.HasOne<Attachment>().WithOne().HasForeignKey<AttachmentContent>(c => c.AttachmentId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Participant>(participant =>
        {
            participant.Property(p => p.Name).HasMaxLength(200);
            participant.Property(p => p.Email).HasMaxLength(256);
            participant.Property(p => p.UserId).HasMaxLength(450);
            participant.Property(p => p.Team).HasMaxLength(100);
            participant.Property(p => p.Role).HasConversion<string>().HasMaxLength(30);
            participant.Ignore(p => p.IsFacilitating);
            participant.HasIndex(p => p.ReviewId);
            participant.HasIndex(p => new { p.UserId, p.Role });
            participant.HasOne<Review>().WithMany().HasForeignKey(p => p.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Person>(person =>
        {
            person.Property(p => p.Name).HasMaxLength(ReviewRules.ActorMaxLength);
            person.Property(p => p.Kind).HasConversion<string>().HasMaxLength(20);
            person.Property(p => p.UserId).HasMaxLength(450);
        });

        builder.Entity<PersonAlias>(alias =>
        {
            alias.Property(a => a.Name).HasMaxLength(ReviewRules.ActorMaxLength);
            alias.Property(a => a.Key).HasMaxLength(PersonNames.MaxKeyLength);
            alias.Property(a => a.CreatedBy).HasMaxLength(ReviewRules.ActorMaxLength);
            alias.HasIndex(a => a.Key).IsUnique();
            alias.HasIndex(a => a.PersonId);
            alias.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Interview>(interview =>
        {
            interview.Property(i => i.Interviewer).HasMaxLength(200);
            interview.Property(i => i.Notes).HasMaxLength(ReviewRules.MarkdownMaxLength);
            interview.Property(i => i.ActorTimeline).HasMaxLength(ReviewRules.MarkdownMaxLength);
            interview.Property(i => i.Questions).HasMaxLength(ReviewRules.MarkdownMaxLength);
            interview.Property(i => i.Version).IsConcurrencyToken();
            interview.Ignore(i => i.IsHeld);
            interview.HasIndex(i => i.ParticipantId).IsUnique();
            interview.HasOne<Review>().WithMany().HasForeignKey(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
            interview.HasOne<Participant>().WithMany().HasForeignKey(i => i.ParticipantId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<FacilitatorNote>(note =>
        {
            note.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
            note.Property(n => n.Text).HasMaxLength(ReviewRules.EntryTextMaxLength);
            note.Property(n => n.CreatedById).HasMaxLength(450);
            note.HasIndex(n => n.ReviewId);
            note.HasOne<Review>().WithMany().HasForeignKey(n => n.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Meeting>(meeting =>
        {
            meeting.HasKey(m => m.ReviewId);
            meeting.Property(m => m.Location).HasMaxLength(500);
            meeting.Property(m => m.Uid).HasMaxLength(100);
            meeting.Property(m => m.Version).IsConcurrencyToken();
            meeting.Ignore(m => m.EndsAt);
            meeting.HasOne<Review>().WithOne().HasForeignKey<Meeting>(m => m.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<BankQuestion>(question =>
        {
            question.Property(q => q.Theme).HasMaxLength(100);
            question.Property(q => q.Text).HasMaxLength(1000);
        });

        builder.Entity<MeetingRoom>(room =>
        {
            room.HasKey(r => r.ReviewId);
            room.Property(r => r.Agenda).HasConversion(
                agenda => JsonSerializer.Serialize(agenda, AgendaJson),
                json => JsonSerializer.Deserialize<List<AgendaSection>>(json, AgendaJson) ?? new List<AgendaSection>(),
                new ValueComparer<List<AgendaSection>>((a, b) => a!.SequenceEqual(b!), a => a.Aggregate(0, (h, s) => HashCode.Combine(h, s)), a => a.ToList()));
            room.Property(r => r.Version).IsConcurrencyToken();
            room.HasOne<Review>().WithOne().HasForeignKey<MeetingRoom>(r => r.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ParkingLotItem>(item =>
        {
            item.Property(i => i.Text).HasMaxLength(2000);
            item.Property(i => i.RaisedBy).HasMaxLength(200);
            item.HasIndex(i => i.ReviewId);
            item.HasOne<Review>().WithMany().HasForeignKey(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<MeetingNote>(note =>
        {
            note.Property(n => n.Key).HasMaxLength(60);
            note.Property(n => n.Text).HasMaxLength(ReviewRules.MarkdownMaxLength);
            note.Property(n => n.UpdatedBy).HasMaxLength(200);
            note.HasIndex(n => new { n.ReviewId, n.Key }).IsUnique();
            note.HasOne<Review>().WithMany().HasForeignKey(n => n.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Attendance>(attendance =>
        {
            attendance.HasKey(a => new { a.ReviewId, a.UserId });
            attendance.Property(a => a.UserId).HasMaxLength(450);
            attendance.Property(a => a.Name).HasMaxLength(200);
            attendance.HasOne<Review>().WithMany().HasForeignKey(a => a.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OrgSetting>(setting =>
        {
            setting.HasKey(s => s.Key);
            setting.Property(s => s.Key).HasMaxLength(100);
        });

        builder.Entity<Takeaway>(takeaway =>
        {
            takeaway.Property(t => t.SurprisedBy).HasMaxLength(ReviewRules.EntryTextMaxLength);
            takeaway.Property(t => t.BelievedBefore).HasMaxLength(ReviewRules.EntryTextMaxLength);
            takeaway.Property(t => t.BelieveNow).HasMaxLength(ReviewRules.EntryTextMaxLength);
            takeaway.Property(t => t.CreatedBy).HasMaxLength(200);
            takeaway.HasIndex(t => t.ReviewId);
            takeaway.HasIndex(t => t.CreatedAt);
            takeaway.HasOne<Review>().WithMany().HasForeignKey(t => t.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ContributingFactor>(factor =>
        {
            factor.Property(f => f.Text).HasMaxLength(ReviewRules.EntryTextMaxLength);
            factor.HasIndex(f => f.ReviewId);
            factor.HasOne<Review>().WithMany().HasForeignKey(f => f.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RemediationItem>(item =>
        {
            item.Property(i => i.Text).HasMaxLength(ReviewRules.EntryTextMaxLength);
            item.Property(i => i.Owner).HasMaxLength(200);
            item.Property(i => i.TrackerUrl).HasMaxLength(ReviewRules.LinkMaxLength);
            item.HasIndex(i => i.ReviewId);
            item.HasOne<Review>().WithMany().HasForeignKey(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SurveyResponse>(response =>
        {
            response.HasKey(r => new { r.ReviewId, r.UserId });
            response.Property(r => r.UserId).HasMaxLength(450);
            response.Property(r => r.Suggestion).HasMaxLength(2000);
            response.HasOne<Review>().WithMany().HasForeignKey(r => r.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SearchDocument>(document =>
        {
            document.HasKey(d => d.Key);
            document.HasIndex(d => d.ReviewId).IsUnique();
            document.HasOne<Review>().WithOne().HasForeignKey<SearchDocument>(d => d.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Theme>(theme =>
        {
            theme.Property(t => t.Name).HasMaxLength(Theme.NameMaxLength);
            theme.Property(t => t.Description).HasMaxLength(Theme.DescriptionMaxLength);
            theme.HasIndex(t => t.Name);
        });

        builder.Entity<FactorTheme>(tag =>
        {
            tag.HasKey(t => new { t.FactorId, t.ThemeId });
            tag.HasIndex(t => t.ThemeId);
            tag.HasIndex(t => t.ReviewId);
            tag.HasOne<ContributingFactor>().WithMany().HasForeignKey(t => t.FactorId).OnDelete(DeleteBehavior.Cascade);
            tag.HasOne<Theme>().WithMany().HasForeignKey(t => t.ThemeId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SavedSearch>(saved =>
        {
            saved.Property(s => s.UserId).HasMaxLength(450);
            saved.Property(s => s.Name).HasMaxLength(SavedSearch.NameMaxLength);
            saved.Property(s => s.Query).HasMaxLength(SearchQuery.MaxLength);
            saved.Property(s => s.Service).HasMaxLength(200);
            saved.Property(s => s.Tag).HasMaxLength(200);
            saved.Property(s => s.Theme).HasMaxLength(Theme.NameMaxLength);
            saved.Property(s => s.Severity).HasMaxLength(50);
            saved.Property(s => s.Status).HasMaxLength(20);
            saved.Ignore(s => s.IsSubscribed);
            saved.HasIndex(s => s.UserId);
            saved.HasOne<FiresideUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SubscriptionDelivery>(delivery =>
        {
            delivery.HasKey(d => new { d.Channel, d.ReviewId });
            delivery.Property(d => d.Channel).HasMaxLength(500);
            delivery.HasOne<Review>().WithMany().HasForeignKey(d => d.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ChangeRecord>(change =>
        {
            change.Property(c => c.ActorId).HasMaxLength(450);
            change.Property(c => c.ActorName).HasMaxLength(256);
            change.Property(c => c.Via).HasMaxLength(200);
            change.Property(c => c.Part).HasMaxLength(30);
            change.Property(c => c.ItemId).HasMaxLength(200);
            change.Property(c => c.Change).HasMaxLength(20);
            change.Property(c => c.Field).HasMaxLength(100);
            change.HasIndex(c => new { c.ReviewId, c.Id });
            // History outlives what it is about: no foreign keys, so removing a review or a person keeps the record.
        });

        builder.Entity<AuditEvent>(audit =>
        {
            audit.Property(a => a.ActorId).HasMaxLength(450);
            audit.Property(a => a.ActorName).HasMaxLength(AuditEvent.SubjectMaxLength);
            audit.Property(a => a.Via).HasMaxLength(200);
            audit.Property(a => a.Kind).HasMaxLength(40);
            audit.Property(a => a.Subject).HasMaxLength(AuditEvent.SubjectMaxLength);
            audit.Property(a => a.SubjectId).HasMaxLength(450);
            audit.Property(a => a.Detail).HasMaxLength(AuditEvent.DetailMaxLength);
            audit.Property(a => a.Address).HasMaxLength(64);
            audit.HasIndex(a => new { a.Kind, a.Id });
            audit.HasIndex(a => new { a.ActorId, a.Id });
            audit.HasIndex(a => new { a.SubjectId, a.Id });
            // Like the history, the log outlives what it is about: no foreign keys.
        });

        builder.Entity<ReviewAccessGrant>(grant =>
        {
            grant.HasKey(g => new { g.ReviewId, g.UserId });
            grant.Property(g => g.UserId).HasMaxLength(450);
            grant.Property(g => g.GrantedById).HasMaxLength(450);
            grant.HasIndex(g => g.UserId);
            grant.HasOne<Review>().WithMany().HasForeignKey(g => g.ReviewId).OnDelete(DeleteBehavior.Cascade);
            grant.HasOne<FiresideUser>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AccessRequest>(request =>
        {
            request.Property(r => r.UserId).HasMaxLength(450);
            request.Property(r => r.Reason).HasMaxLength(AccessRequest.ReasonMaxLength);
            request.HasIndex(r => new { r.ReviewId, r.UserId });
            request.HasOne<Review>().WithMany().HasForeignKey(r => r.ReviewId).OnDelete(DeleteBehavior.Cascade);
            request.HasOne<FiresideUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<FeedToken>(token =>
        {
            token.HasKey(t => t.UserId);
            token.Property(t => t.UserId).HasMaxLength(450);
            token.Property(t => t.Hash).HasMaxLength(64);
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasOne<FiresideUser>().WithOne().HasForeignKey<FeedToken>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SearchLabel>(label =>
        {
            label.HasKey(l => l.Key);
            label.Property(l => l.Kind).HasMaxLength(20);
            label.Property(l => l.Value).HasMaxLength(200);
            label.HasIndex(l => new { l.Kind, l.Value, l.ReviewId });
            label.HasIndex(l => new { l.ReviewId, l.Kind, l.Value });
            label.HasOne<Review>().WithMany().HasForeignKey(l => l.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<WritingStat>(stat =>
        {
            stat.HasKey(s => s.ReviewId);
            stat.Ignore(s => s.Findings);
            stat.HasOne<Review>().WithOne().HasForeignKey<WritingStat>(s => s.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ReviewInsight>(insight =>
        {
            insight.HasKey(i => i.ReviewId);
            insight.HasOne<Review>().WithOne().HasForeignKey<ReviewInsight>(i => i.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SearchEntry>(entry =>
        {
            entry.HasKey(e => e.Key);
            entry.Property(e => e.Key).ValueGeneratedNever();
            entry.HasIndex(e => e.ReviewId).IsUnique();
            entry.Property(e => e.Severity).HasMaxLength(50);
            entry.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
            entry.HasOne<Review>().WithOne().HasForeignKey<SearchEntry>(e => e.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        // What the full-text engines answer (SearchIndex), read with FromSql; no tables of their own.
        builder.Entity<SearchHit>(hit =>
        {
            hit.HasNoKey().ToView(null);
            hit.Property(h => h.Status).HasConversion<string>();
        });
        builder.Entity<SearchMatch>().HasNoKey().ToView(null);

        builder.Entity<LanguageDismissal>(dismissal =>
        {
            dismissal.Property(d => d.Field).HasMaxLength(90);
            dismissal.Property(d => d.Rule).HasMaxLength(80);
            dismissal.Property(d => d.Text).HasMaxLength(500);
            dismissal.Property(d => d.CreatedById).HasMaxLength(450);
            dismissal.HasIndex(d => new { d.ReviewId, d.Field, d.Rule, d.Text }).IsUnique();
            dismissal.HasOne<Review>().WithMany().HasForeignKey(d => d.ReviewId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ApiToken>(token =>
        {
            token.Property(t => t.Name).HasMaxLength(100);
            token.Property(t => t.Prefix).HasMaxLength(20);
            token.Property(t => t.Hash).HasMaxLength(64);
            token.HasIndex(t => t.Hash).IsUnique();
            token.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<EndedSession>(session =>
        {
            session.HasKey(s => s.Id);
            session.Property(s => s.Id).HasMaxLength(64);
            session.HasIndex(s => s.ExpiresAt);
        });
    }

    public static readonly JsonSerializerOptions AgendaJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Times are UTC inside; SQLite forgets the kind, so say it again on the way out.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    /// <summary>
    /// Every saved change to a versioned row raises its version, so stale edits are caught. A review reaching
    /// Published is stamped with when. And the search documents of the reviews whose text changed are rebuilt
    /// in the same transaction as the change, so search never shows what was not saved, nor misses what was.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (RecordsChanges)
        {
            // Read before the versions move, so each record holds the values as they were and as they will be.
            Changes.AddRange(ChangeHistory.From(ChangeTracker, () => Author, Now));
        }

        foreach (var entry in ChangeTracker.Entries<IVersioned>())
        {
            if (entry.State == EntityState.Modified)
            {
                entry.Entity.Version = entry.Property(e => e.Version).OriginalValue + 1;
            }
        }

        foreach (var entry in ChangeTracker.Entries<Review>())
        {
            if (entry.State == EntityState.Added || (entry.State == EntityState.Modified && entry.Property(r => r.Status).IsModified))
            {
                var review = entry.Entity;
                review.PublishedAt = review.Status == ReviewStatus.Published ? review.PublishedAt ?? review.UpdatedAt : null;
            }
        }

        var (stale, people) = SearchRefreshDeferred ? ([], []) : ReviewsWithChanges();
        people.ExceptWith(stale);
        if (stale.Count == 0 && people.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (stale.Count > 0)
            {
                await RefreshSearchAsync(stale, cancellationToken);
            }

            if (people.Count > 0)
            {
                await SearchIndex.For(this).RefreshAsync(this, people, documents: false, cancellationToken);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return saved;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>Rebuilds the search documents of these reviews (all of them when null) inside the current transaction.</summary>
    public async Task RefreshSearchAsync(IReadOnlyCollection<Guid>? reviewIds, CancellationToken cancellationToken)
    {
        if (reviewIds is null)
        {
            // The whole library (a reindex, an upgrade) takes minutes at 100,000 reviews, each statement far longer
            // than the 30 s a command may otherwise take. Kept for the rest of this context's life (its compaction too).
            Database.SetCommandTimeout(RebuildTimeout);
        }

        await SearchIndex.For(this).RefreshAsync(this, reviewIds, documents: true, cancellationToken);
        await WritingStat.RefreshAsync(this, reviewIds, cancellationToken);
    }

    private static readonly HashSet<Type> SearchedParts =
        [typeof(TimelineEntry), typeof(Account), typeof(Takeaway), typeof(ContributingFactor), typeof(RemediationItem), typeof(MeetingNote), typeof(ParkingLotItem), typeof(FactorTheme)];

    /// <summary>What insights count but search does not read: only the review's labels and insight row are rebuilt for these.</summary>
    private static readonly HashSet<Type> CountedParts =
        [typeof(Participant), typeof(Interview), typeof(Meeting), typeof(Attendance), typeof(SurveyResponse)];

    /// <summary>The reviews whose searched text changed, and those where only what insights count changed.</summary>
    private (HashSet<Guid> Text, HashSet<Guid> People) ReviewsWithChanges()
    {
        var reviews = new HashSet<Guid>();
        var people = new HashSet<Guid>();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            if (entry.Entity is Review review)
            {
                reviews.Add(review.Id);
            }
            else if (SearchedParts.Contains(entry.Entity.GetType()) && entry.Property("ReviewId").CurrentValue is Guid id)
            {
                reviews.Add(id);
            }
            else if (CountedParts.Contains(entry.Entity.GetType()) && entry.Property("ReviewId").CurrentValue is Guid counted)
            {
                people.Add(counted);
            }
        }

        return (reviews, people);
    }

    /// <summary>Claims the version the editor saw, so saving fails if someone saved in between.</summary>
    public void ExpectVersion<T>(T entity, int version)
        where T : class, IVersioned
    {
        Entry(entity).Property(e => e.Version).OriginalValue = version;
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The SQLite flavour: the embedded default.</summary>
public sealed class SqliteFiresideDb(DbContextOptions<SqliteFiresideDb> options, IServiceProvider? services = null, TimeProvider? clock = null) : FiresideDb(options, services, clock);

/// <summary>The PostgreSQL flavour, for organisations running several web instances.</summary>
public sealed class PostgresFiresideDb(DbContextOptions<PostgresFiresideDb> options, IServiceProvider? services = null, TimeProvider? clock = null) : FiresideDb(options, services, clock);
