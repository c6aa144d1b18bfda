namespace Fireside.Core.Reviews;

/// <summary>
/// One person's account of a moment on the timeline (or of a stretch of time): what they saw, what they believed then, what they
/// did, and why it made sense at the time. Several people's accounts of the same moment sit side by side;
/// where they differ, both stay.
/// </summary>
public sealed class Account : IVersioned
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }

    /// <summary>The moment this account is about; null when it covers a stretch of time instead.</summary>
    public Guid? EntryId { get; set; }

    /// <summary>The stretch of time an account covers when it is not about one moment.</summary>
    public DateTime? SpanStartsAt { get; set; }
    public DateTime? SpanEndsAt { get; set; }

    public bool IsSpan => EntryId is null;

    /// <summary>Whose account this is (an actor; not necessarily someone with a Fireside login).</summary>
    public string Author { get; set; } = "";
    public string Saw { get; set; } = "";
    public string Believed { get; set; } = "";
    public string Did { get; set; } = "";
    public string WhySensible { get; set; } = "";
    public string? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; } = 1;

    public void Apply(AccountInput input, DateTime now)
    {
        Author = input.Author!.Trim();
        Saw = input.Saw?.Trim() ?? "";
        Believed = input.Believed?.Trim() ?? "";
        Did = input.Did?.Trim() ?? "";
        WhySensible = input.WhySensible?.Trim() ?? "";
        if (IsSpan)
        {
            SpanStartsAt = input.SpanStartsAt?.UtcDateTime ?? SpanStartsAt;
            SpanEndsAt = input.SpanEndsAt?.UtcDateTime ?? SpanEndsAt;
        }

        UpdatedAt = now;
    }

    /// <summary>The parts of an account, in the order people tell them, with the names the API and the language coach use.</summary>
    public IEnumerable<(string Field, string Label, string Text)> Parts()
    {
        yield return ("saw", "What I saw", Saw);
        yield return ("believed", "What I believed then", Believed);
        yield return ("did", "What I did", Did);
        yield return ("whySensible", "Why it made sense at the time", WhySensible);
    }
}

/// <summary>What is sent to add or change an account.</summary>
public sealed record AccountInput
{
    public string? Author { get; init; }
    public string? Saw { get; init; }
    public string? Believed { get; init; }
    public string? Did { get; init; }
    public string? WhySensible { get; init; }

    /// <summary>For an account of a stretch of time: where it starts and ends (ignored for accounts of one moment).</summary>
    public DateTimeOffset? SpanStartsAt { get; init; }
    public DateTimeOffset? SpanEndsAt { get; init; }

    /// <summary>The version last read; required for updates.</summary>
    public int? Version { get; init; }
}

/// <summary>An image shown with a moment: a graph or screenshot uploaded into Fireside, or linked from elsewhere.</summary>
public sealed class Attachment
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid ReviewId { get; set; }
    public Guid EntryId { get; set; }

    /// <summary>What the image shows, in words; also its alternative text.</summary>
    public string Caption { get; set; } = "";

    /// <summary>For an uploaded image: its file name, its checked content type and its size in bytes.</summary>
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long Size { get; set; }

    /// <summary>For a linked image: where it lives.</summary>
    public string? Url { get; set; }
    public string? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    public bool IsUpload => Url is null;
}

/// <summary>The bytes of an uploaded image, kept apart so reading a review never loads them.</summary>
public sealed class AttachmentContent
{
    public Guid AttachmentId { get; set; }
    public byte[] Bytes { get; set; } = [];
}
