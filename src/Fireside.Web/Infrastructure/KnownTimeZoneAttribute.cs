using System.ComponentModel.DataAnnotations;

namespace Fireside.Web.Infrastructure;

/// <summary>
/// A form's time zone must be one this server knows (surrounding spaces aside): the field is typed into, and a
/// posted form can hold anything, so the list beside it is only a help.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class KnownTimeZoneAttribute : ValidationAttribute
{
    public const string Message = "Please choose a time zone from the list, such as Europe/Berlin or America/New_York.";

    public KnownTimeZoneAttribute() => ErrorMessage = Message;

    public override bool IsValid(object? value) => value is string zone && UserTime.IsKnownZone(zone.Trim());
}
