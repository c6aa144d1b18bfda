using Fireside.Data;
using Microsoft.AspNetCore.SignalR;

namespace Fireside.Web.Features.Room;

/// <summary>
/// Tells the screens in a review's room about changes, over SignalR (one group per review). Only that something
/// changed, and which note: the group was joined once, so each screen fetches the content with its own rights.
/// </summary>
public sealed class HubRoomBroadcast(IHubContext<RoomHub> hub) : IRoomBroadcast
{
    public static string Group(Guid reviewId) => $"room:{reviewId}";

    public Task ChangedAsync(Guid reviewId, CancellationToken cancellationToken) =>
        hub.Clients.Group(Group(reviewId)).SendAsync("changed", cancellationToken);

    public Task NoteAsync(Guid reviewId, string key, CancellationToken cancellationToken) =>
        hub.Clients.Group(Group(reviewId)).SendAsync("note", key, cancellationToken);
}
