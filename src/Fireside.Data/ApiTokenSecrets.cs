using System.Security.Cryptography;
using System.Text;

namespace Fireside.Data;

/// <summary>Makes and checks personal API tokens. The secret is shown once; only its hash is kept.</summary>
public static class ApiTokenSecrets
{
    public const string Prefix = "fs_";

    /// <summary>A new token: "fs_" and 32 random bytes in URL-safe base64.</summary>
    public static string NewSecret() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static ApiToken Create(string userId, string name, DateTime now, out string secret)
    {
        secret = NewSecret();
        return new ApiToken
        {
            UserId = userId,
            Name = string.IsNullOrWhiteSpace(name) ? "API token" : name.Trim(),
            Prefix = secret[..9],
            Hash = Hash(secret),
            CreatedAt = now,
        };
    }
}
