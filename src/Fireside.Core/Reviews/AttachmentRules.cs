using Fireside.Core;

namespace Fireside.Core.Reviews;

/// <summary>
/// What Fireside accepts as an image on the timeline. Uploads are recognised by their first bytes, never by
/// their name or the type the sender claims, and only raster formats browsers show safely are kept (no SVG:
/// it can carry script).
/// </summary>
public static class AttachmentRules
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int CaptionMaxLength = 500;
    public const int FileNameMaxLength = 255;

    /// <summary>The image type the bytes start with, or null when they are not a PNG, JPEG, GIF or WebP image.</summary>
    public static string? DetectImageType(ReadOnlySpan<byte> head) => head switch
    {
        [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [0x47, 0x49, 0x46, 0x38, 0x37 or 0x39, 0x61, ..] => "image/gif",
        [0x52, 0x49, 0x46, 0x46, _, _, _, _, 0x57, 0x45, 0x42, 0x50, ..] => "image/webp",
        _ => null,
    };

    public static ValidationErrors ValidateUpload(string? fileName, long size, ReadOnlySpan<byte> head, string? caption)
    {
        var errors = new ValidationErrors();
        var name = string.IsNullOrWhiteSpace(fileName) ? "The file" : $"\"{fileName}\"";
        if (size == 0)
        {
            errors.Add("file", $"{name} is empty. Please choose the image again.");
        }
        else if (size > MaxBytes)
        {
            errors.Add("file", $"{name} is {size / (1024.0 * 1024):0.0} MB; images can be up to {MaxBytes / (1024 * 1024)} MB.");
        }
        else if (DetectImageType(head) is null)
        {
            errors.Add("file", $"{name} is not a PNG, JPEG, GIF or WebP image. Fireside keeps those four (screenshots and graphs export to all of them).");
        }

        if (fileName is { Length: > FileNameMaxLength })
        {
            errors.Add("file", $"The file name is {fileName.Length} characters long; please keep it to {FileNameMaxLength}.");
        }

        CheckCaption(errors, caption);
        return errors;
    }

    public static ValidationErrors ValidateLink(string? url, string? caption)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(url))
        {
            errors.Add("url", "Please give the image's web address.");
        }

        ReviewRules.CheckLink(errors, "url", url);
        CheckCaption(errors, caption);
        return errors;
    }

    private static void CheckCaption(ValidationErrors errors, string? caption)
    {
        if (caption is { Length: > CaptionMaxLength })
        {
            errors.Add("caption", $"The caption is {caption.Length} characters long; please keep it to {CaptionMaxLength}.");
        }
    }
}
