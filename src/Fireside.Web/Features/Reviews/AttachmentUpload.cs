using Fireside.Core;
using Fireside.Core.Reviews;

namespace Fireside.Web.Features.Reviews;

/// <summary>Reading an uploaded image from a form, shared by the review page and the API.</summary>
public static class AttachmentUpload
{
    /// <summary>
    /// Requests may be larger than an image may be, so that a too-large image gets a message saying so
    /// rather than the server closing the connection.
    /// </summary>
    public const long RequestLimit = 64L * 1024 * 1024;

    /// <summary>The file's bytes; a file over the size limit is refused before it is read.</summary>
    public static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken = default)
    {
        if (file.Length > AttachmentRules.MaxBytes)
        {
            throw new DomainValidationException(AttachmentRules.ValidateUpload(file.FileName, file.Length, [], null));
        }

        using var buffer = new MemoryStream((int)file.Length);
        await using var stream = file.OpenReadStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }
}
