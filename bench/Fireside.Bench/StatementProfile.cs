using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Fireside.Bench;

/// <summary>
/// Sums the time EF Core's commands take, by the start of their SQL, while it is listening: where an import's time
/// goes between the database and the app. Reads EF Core's diagnostic events, so the app is not changed to be measured.
/// </summary>
public sealed class StatementProfile : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, (int Count, TimeSpan Time)> statements = new();
    private readonly IDisposable subscription;
    private readonly List<IDisposable> listeners = [];

    public StatementProfile() => subscription = DiagnosticListener.AllListeners.Subscribe(this);

    public bool Listening { get; set; }

    /// <summary>Put before each statement's key, to tell two kinds of work apart.</summary>
    public string Side { get; set; } = "";

    /// <summary>The statements by total time, longest first, as text lines.</summary>
    public IEnumerable<string> Lines() =>
        statements.OrderByDescending(s => s.Value.Time).Select(s => $"{s.Value.Time.TotalSeconds,8:0.000} s {s.Value.Count,6}× {s.Key}");

    public void Clear() => statements.Clear();

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (listeners)
            {
                listeners.Add(value.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (Listening && value.Value is CommandExecutedEventData executed)
        {
            var text = string.Join(' ', executed.Command.CommandText.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
            var key = Side + text[..Math.Min(100, text.Length)];
            statements.AddOrUpdate(key, (1, executed.Duration), (_, old) => (old.Count + 1, old.Time + executed.Duration));
        }
        else if (Listening && value.Value is TransactionEndEventData ended)
        {
            statements.AddOrUpdate(Side + value.Key, (1, ended.Duration), (_, old) => (old.Count + 1, old.Time + ended.Duration));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        subscription.Dispose();
        lock (listeners)
        {
            listeners.ForEach(l => l.Dispose());
        }
    }
}
