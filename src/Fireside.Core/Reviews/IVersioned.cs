namespace Fireside.Core.Reviews;

/// <summary>
/// Something two people may edit at once. <see cref="Version"/> goes up by one on every saved
/// change; an update that names an older version is refused instead of overwriting newer work.
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
