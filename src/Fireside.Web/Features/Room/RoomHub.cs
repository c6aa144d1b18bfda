using Fireside.Core;
using Fireside.Data;
using Fireside.Web.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace Fireside.Web.Features.Room;

/// <summary>
/// The live room over SignalR: join, then everyone in the same review's room hears that something changed. What
/// changed never travels with the news: each screen asks for it with its own rights, so someone who lost access
/// after joining (the review was restricted, they were taken off it) hears nothing more than that, and leaves the
/// room at their next question.
/// </summary>
public sealed class RoomHub(RoomOperations room) : Hub
{
    private string Format(DateTime utc) => UserTime.For(Context.User!).Format(utc, seconds: true);

    /// <summary>Enters a review's room and answers with where the room is now (a late joiner sees the current state).</summary>
    public async Task<RoomSnapshot> Join(Guid reviewId)
    {
        await Guard(() => room.JoinAsync(reviewId, Context.ConnectionAborted));
        await Groups.AddToGroupAsync(Context.ConnectionId, HubRoomBroadcast.Group(reviewId), Context.ConnectionAborted);
        Rooms(Context).Add(reviewId);
        return await room.SnapshotAsync(reviewId, Format, Context.ConnectionAborted);
    }

    public async Task<RoomSnapshot> State(Guid reviewId)
    {
        RoomSnapshot? snapshot = null;
        await GuardReading(reviewId, async () => snapshot = await room.SnapshotAsync(reviewId, Format, Context.ConnectionAborted));
        return snapshot!;
    }

    /// <summary>One shared note as it is now, after the room said it changed.</summary>
    public async Task<NoteView?> Note(Guid reviewId, string key)
    {
        NoteView? note = null;
        await GuardReading(reviewId, async () => note = await room.NoteAsync(reviewId, key, Context.ConnectionAborted));
        return note;
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

    /// <summary>The rooms this connection joined, so it can leave them all when its sign-in ends.</summary>
    private static HashSet<Guid> Rooms(HubCallerContext context) =>
        (HashSet<Guid>)(context.Items.TryGetValue(nameof(Rooms), out var rooms) ? rooms! : context.Items[nameof(Rooms)] = new HashSet<Guid>());

    /// <summary>Takes a connection out of every room it joined: it hears nothing more from any of them.</summary>
    public static async Task LeaveEveryRoomAsync(HubCallerContext context, IGroupManager groups)
    {
        foreach (var reviewId in Rooms(context))
        {
            await groups.RemoveFromGroupAsync(context.ConnectionId, HubRoomBroadcast.Group(reviewId));
        }

        Rooms(context).Clear();
    }

    /// <summary>A reader refused (access lost since joining) is taken out of the room's group as well.</summary>
    private async Task GuardReading(Guid reviewId, Func<Task> read)
    {
        try
        {
            await read();
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, HubRoomBroadcast.Group(reviewId));
            Rooms(Context).Remove(reviewId);
            throw new HubException(e.Message);
        }
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
