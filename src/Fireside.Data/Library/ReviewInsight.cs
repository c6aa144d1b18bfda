using Fireside.Core.Facilitation;

namespace Fireside.Data;

/// <summary>
/// What insights count of one review, worked out in the database whenever the review's search document is
/// rebuilt (see <see cref="SearchIndex"/>): one narrow row per review, so the insights page reads a row per
/// review instead of every participant, interview, person in the room and survey answer. Lists are kept as
/// text, one value per line.
/// </summary>
public sealed class ReviewInsight
{
    public Guid ReviewId { get; set; }
    public DateTime? MeetingAt { get; set; }

    /// <summary>Different people with a part in the review (by email, else by name, ignoring case).</summary>
    public int People { get; set; }

    /// <summary>Different teams: involved in the incident, or of someone taking part.</summary>
    public int Teams { get; set; }

    /// <summary>People in the room who were not actors.</summary>
    public int OthersInRoom { get; set; }
    public int Actors { get; set; }

    /// <summary>When each interviewed actor's prep interview was held, one time per line.</summary>
    public string? ActorInterviews { get; set; }

    /// <summary>The themes of the review's factors, one per line.</summary>
    public string? Themes { get; set; }

    /// <summary>People in facilitating roles, one "Role:person" per line (the person by email, else name, lower case).</summary>
    public string? Facilitators { get; set; }
    public int SurveyAnswers { get; set; }
    public DateTime? SurveyAnsweredAt { get; set; }
    public int ToldMyPartAgree { get; set; }
    public int StayedOnLearningAgree { get; set; }
    public int UnderstandBetterAgree { get; set; }
    public int ToldMyPartDisagree { get; set; }
    public int StayedOnLearningDisagree { get; set; }
    public int UnderstandBetterDisagree { get; set; }

    public static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IEnumerable<(ParticipantRole Role, string Person)> FacilitatorsByRole() =>
        Lines(Facilitators).Select(line => line.Split(':', 2)).Where(p => p.Length == 2 && Enum.TryParse<ParticipantRole>(p[0], out _))
            .Select(p => (Enum.Parse<ParticipantRole>(p[0]), p[1]));

    public IEnumerable<DateTime> InterviewTimes() =>
        Lines(ActorInterviews).Select(t => DateTime.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var at) ? at : (DateTime?)null)
            .Where(t => t is not null).Select(t => t!.Value);

    /// <summary>
    /// The statement that writes the rows of the (not deleted) reviews chosen by <paramref name="which"/>.
    /// <paramref name="aggregate"/> joins rows with line breaks and <paramref name="time"/> writes a time as text.
    /// </summary>
    internal static string InsertSql(Func<string, string> aggregate, Func<string, string> time, string which)
    {
        static string Count(string from, string where) => $"(SELECT COUNT(*) FROM {from} WHERE {where})";
        var survey = "\"SurveyResponses\" s";
        var mine = "s.\"ReviewId\" = r.\"Id\"";
        const string isActor = "p.\"Role\" = 'Actor'";
        string[] facilitating = [nameof(ParticipantRole.Facilitator), nameof(ParticipantRole.CoFacilitator), nameof(ParticipantRole.ShadowFacilitator)];
        string[] columns =
        [
            "\"ReviewId\"", "\"MeetingAt\"", "\"People\"", "\"Teams\"", "\"OthersInRoom\"", "\"Actors\"", "\"ActorInterviews\"", "\"Themes\"", "\"Facilitators\"",
            "\"SurveyAnswers\"", "\"SurveyAnsweredAt\"", "\"ToldMyPartAgree\"", "\"StayedOnLearningAgree\"", "\"UnderstandBetterAgree\"",
            "\"ToldMyPartDisagree\"", "\"StayedOnLearningDisagree\"", "\"UnderstandBetterDisagree\"",
        ];
        string[] values =
        [
            "r.\"Id\"",
            "(SELECT m.\"StartsAt\" FROM \"Meetings\" m WHERE m.\"ReviewId\" = r.\"Id\")",
            "(SELECT COUNT(DISTINCT lower(COALESCE(p.\"Email\", p.\"Name\"))) FROM \"Participants\" p WHERE p.\"ReviewId\" = r.\"Id\")",
            $"(SELECT COUNT(DISTINCT lower(l.\"Value\")) FROM \"SearchLabels\" l WHERE l.\"ReviewId\" = r.\"Id\" AND l.\"Kind\" = '{SearchLabel.Team}')",
            Count("\"Attendance\" a", $"a.\"ReviewId\" = r.\"Id\" AND NOT EXISTS (SELECT 1 FROM \"Participants\" p WHERE p.\"ReviewId\" = r.\"Id\" AND {isActor} AND (p.\"UserId\" = a.\"UserId\" OR lower(p.\"Name\") = lower(a.\"Name\")))"),
            Count("\"Participants\" p", $"p.\"ReviewId\" = r.\"Id\" AND {isActor}"),
            $"(SELECT {aggregate(time("i.\"InterviewedAt\""))} FROM \"Interviews\" i JOIN \"Participants\" p ON p.\"Id\" = i.\"ParticipantId\" WHERE i.\"ReviewId\" = r.\"Id\" AND i.\"InterviewedAt\" IS NOT NULL AND {isActor})",
            $"(SELECT {aggregate("l.\"Value\"")} FROM \"SearchLabels\" l WHERE l.\"ReviewId\" = r.\"Id\" AND l.\"Kind\" = '{SearchLabel.Theme}')",
            // A line break in a name (a pasted one) would split its line in the list: it becomes a space.
            $"(SELECT {aggregate("p.\"Role\" || ':' || replace(replace(lower(COALESCE(p.\"Email\", p.\"Name\")), '\r', ' '), '\n', ' ')")} FROM \"Participants\" p WHERE p.\"ReviewId\" = r.\"Id\" AND p.\"Role\" IN ({string.Join(", ", facilitating.Select(f => $"'{f}'"))}))",
            Count(survey, mine),
            $"(SELECT MAX(s.\"AnsweredAt\") FROM {survey} WHERE {mine})",
            Count(survey, $"{mine} AND s.\"ToldMyPart\" >= 4"),
            Count(survey, $"{mine} AND s.\"StayedOnLearning\" >= 4"),
            Count(survey, $"{mine} AND s.\"UnderstandBetter\" >= 4"),
            Count(survey, $"{mine} AND s.\"ToldMyPart\" <= 2"),
            Count(survey, $"{mine} AND s.\"StayedOnLearning\" <= 2"),
            Count(survey, $"{mine} AND s.\"UnderstandBetter\" <= 2"),
        ];
        return $"INSERT INTO \"ReviewInsights\" ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM \"Reviews\" r WHERE r.\"DeletedAt\" IS NULL{which}";
    }
}
