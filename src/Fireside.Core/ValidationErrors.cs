namespace Fireside.Core;

/// <summary>Messages per field, in the shape RFC 9457 problem details and forms both use.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public void AddRange(ValidationErrors other)
    {
        foreach (var (field, messages) in other._errors)
        {
            messages.ForEach(m => Add(field, m));
        }
    }

    public bool Has(string field) => _errors.ContainsKey(field);

    public IEnumerable<string> For(string field) => _errors.TryGetValue(field, out var list) ? list : [];

    /// <summary>Every message in one line, for places that show them together (a notice after a form post).</summary>
    public string Messages() => string.Join(" ", _errors.Values.SelectMany(m => m));

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public override string ToString() => string.Join(Environment.NewLine, _errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")));
}

/// <summary>Input that breaks a rule; the API answers 400 with the field-level messages.</summary>
public sealed class DomainValidationException(ValidationErrors errors) : Exception(errors.ToString())
{
    public ValidationErrors Errors { get; } = errors;

    /// <summary>One message about one field.</summary>
    public static DomainValidationException For(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return new DomainValidationException(errors);
    }
}

/// <summary>Something asked for by id that is not there (or not visible to this person).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>Someone else saved a newer version first; the caller's change was not applied.</summary>
public sealed class ConflictException : Exception
{
    public ConflictException(string message)
        : base(message)
    {
    }

    public ConflictException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>The person is signed in but this is not theirs to do; the API answers 403.</summary>
public sealed class ForbiddenException(string message, Guid? restrictedReviewId = null) : Exception(message)
{
    /// <summary>Set when the refusal is that the review is restricted and the person is not in it: they may ask for access.</summary>
    public Guid? RestrictedReviewId => restrictedReviewId;
}
