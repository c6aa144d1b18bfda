namespace Fireside.Web.Infrastructure;

/// <summary>Links to Fireside's own pages with their filters in the query string.</summary>
public static class Links
{
    /// <summary>The path with the parameters that have a value, encoded, as its query string.</summary>
    public static string With(string path, params (string Name, string? Value)[] parameters) =>
        path + QueryString.Create(parameters.Where(p => !string.IsNullOrWhiteSpace(p.Value)).Select(p => KeyValuePair.Create(p.Name, p.Value))).ToUriComponent();
}
