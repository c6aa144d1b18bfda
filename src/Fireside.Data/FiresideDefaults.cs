namespace Fireside.Data;

/// <summary>What the web app and the command line agree on without being told.</summary>
public static class FiresideDefaults
{
    /// <summary>Where the web app listens unless told otherwise.</summary>
    public const string Url = "http://localhost:5080";

    /// <summary>The data protection name shared by the web app and the CLI, so cookies and one-time links made by one are read by the other.</summary>
    public const string ApplicationName = "Fireside";
}
