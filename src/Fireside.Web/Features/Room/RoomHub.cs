using Fireside.Core;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Fireside.Web.Features.Room;

/// <summary>The live room over SignalR: join, then every change reaches everyone in the same review's room.</summary>
public sealed class RoomHub(RoomOperations room) : Hub
{
    private string Format(DateTime utc) => UserTime.For(Context.User!).Format(utc, seconds: true);

    /// <summary>Enters a review's room and answers with where the room is now (a late joiner sees the current state).</summary>
    public async Task<RoomSnapshot> Join(Guid reviewId)
    {
        await Guard(() => room.JoinAsync(reviewId, Context.ConnectionAborted));
        await Groups.AddToGroupAsync(Context.ConnectionId, HubRoomBroadcast.Group(reviewId), Context.ConnectionAborted);
        return await room.SnapshotAsync(reviewId, Format, Context.ConnectionAborted);
    }

    public async Task<RoomSnapshot> State(Guid reviewId)
    {
        RoomSnapshot? snapshot = null;
        await Guard(async () => snapshot = await room.SnapshotAsync(reviewId, Format, Context.ConnectionAborted));
        return snapshot!;
    }

    public Task Act(Guid reviewId, string action) => Guard(() => room.ActAsync(reviewId, action, Context.ConnectionAborted));

    public Task Pin(Guid reviewId, string text) => Guard(() => room.PinAsync(reviewId, text, Context.ConnectionAborted));

    public Task PinDone(Guid reviewId, Guid itemId, bool done) => Guard(() => room.SetPinDoneAsync(reviewId, itemId, done, Context.ConnectionAborted));

    public async Task<NoteView> SaveNote(Guid reviewId, string key, string text)
    {
        NoteView? saved = null;
        await Guard(async () => saved = await room.SaveNoteAsync(reviewId, key, text, Context.ConnectionAborted));
        return saved!;
    }

    /// <summary>Domain messages reach the screen as they are; anything else stays a generic error.</summary>
    private static async Task Guard(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (DomainValidationException invalid)
        {
            throw new HubException(invalid.Errors.Messages());
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException)
        {
            throw new HubException(e.Message);
        }
    }
}
