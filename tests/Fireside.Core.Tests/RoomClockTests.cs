using Fireside.Core.Meetings;

namespace Fireside.Core.Tests;

public sealed class RoomClockTests
{
    private static readonly DateTime Ten = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void DefaultAgenda_IsAnHour_MostOfItForTheStory()
    {
        Assert.Equal(60, Agendas.Default.Sum(s => s.Minutes));
        Assert.Equal([5, 40, 10, 5], Agendas.Default.Select(s => s.Minutes));
        Assert.Equal(SectionKind.Timeline, Agendas.Default[1].Kind);
    }

    [Fact]
    public void Clock_CountsOnlyRunningTime_ThroughPausesAndSections()
    {
        var room = new MeetingRoom();
        Assert.Equal("waiting", RoomClock.View(room, Ten).State);

        RoomClock.Start(room, Ten);
        var at3 = RoomClock.View(room, Ten.AddMinutes(3));
        RoomClock.Pause(room, Ten.AddMinutes(3));
        var paused = RoomClock.View(room, Ten.AddMinutes(10));
        RoomClock.Start(room, Ten.AddMinutes(10));
        RoomClock.Next(room, Ten.AddMinutes(12));
        var inStory = RoomClock.View(room, Ten.AddMinutes(20));

        Assert.Equal(("running", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(57)), (at3.State, at3.SectionLeft, at3.MeetingLeft));
        Assert.Equal(("paused", TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(57)), (paused.State, paused.SectionLeft, paused.MeetingLeft));
        Assert.Equal(1, inStory.Section);
        Assert.Equal(TimeSpan.FromMinutes(8), inStory.SectionElapsed);
        Assert.Equal(TimeSpan.FromMinutes(32), inStory.SectionLeft);
        Assert.Equal(TimeSpan.FromMinutes(13), inStory.MeetingElapsed);
        Assert.Equal(TimeSpan.FromMinutes(47), inStory.MeetingLeft);
    }

    [Fact]
    public void Overrun_ShowsAsNegativeTimeLeft_AndEndStopsTheClock()
    {
        var room = new MeetingRoom();
        RoomClock.Start(room, Ten);
        var over = RoomClock.View(room, Ten.AddMinutes(7));
        RoomClock.End(room, Ten.AddMinutes(7));

        Assert.Equal(TimeSpan.FromMinutes(-2), over.SectionLeft);
        Assert.Equal("ended", RoomClock.View(room, Ten.AddHours(2)).State);
        Assert.Equal(TimeSpan.FromMinutes(7), RoomClock.View(room, Ten.AddHours(2)).MeetingElapsed);
        Assert.Throws<DomainValidationException>(() => RoomClock.Start(room, Ten.AddHours(2)));
    }

    [Fact]
    public void Next_PausedStaysPaused_AndTheLastSectionHasNoNext()
    {
        var room = new MeetingRoom { Agenda = [new("A", 5, SectionKind.Intro), new("B", 5, SectionKind.Other)] };
        RoomClock.Start(room, Ten);
        RoomClock.Pause(room, Ten.AddMinutes(1));
        RoomClock.Next(room, Ten.AddMinutes(4));

        Assert.Equal("paused", RoomClock.View(room, Ten.AddMinutes(9)).State);
        Assert.Equal(TimeSpan.Zero, RoomClock.View(room, Ten.AddMinutes(9)).SectionElapsed);
        Assert.Throws<DomainValidationException>(() => RoomClock.Next(room, Ten.AddMinutes(9)));
    }

    [Fact]
    public void Pace_WarnsGently_OnlyWhenTheRestWillNotFit()
    {
        DateTime[] points = [Ten.AddMinutes(1), Ten.AddMinutes(5), Ten.AddMinutes(9), Ten.AddMinutes(12)];
        var forty = TimeSpan.FromMinutes(40);

        var early = Pacing.For(points, null, TimeSpan.FromMinutes(5), forty);
        var onPace = Pacing.For(points, Ten.AddMinutes(5), TimeSpan.FromMinutes(15), forty);
        var behind = Pacing.For(points, Ten.AddMinutes(1), TimeSpan.FromMinutes(15), forty);
        var done = Pacing.For(points, Ten.AddMinutes(30), TimeSpan.FromMinutes(39), forty);

        Assert.Null(early.Warning);
        Assert.Equal((2, 4, null), (onPace.Covered, onPace.Total, onPace.Warning));
        Assert.Equal(1, behind.Covered);
        Assert.Equal("3 inflection points to go and 25 min left; at this pace that takes about 45 min. Consider pinning a tangent or moving on.", behind.Warning);
        Assert.Null(done.Warning);
    }

    [Fact]
    public void Agenda_IsChecked()
    {
        Assert.True(Agendas.Validate(Agendas.Default).IsValid);
        Assert.False(Agendas.Validate([]).IsValid);
        Assert.Contains("between 1 and 240", Agendas.Validate([new("Story", 0, SectionKind.Timeline)]).Messages());
    }
}
