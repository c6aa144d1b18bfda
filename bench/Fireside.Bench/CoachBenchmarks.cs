using BenchmarkDotNet.Attributes;
using Fireside.Language;

namespace Fireside.Bench;

/// <summary>The coach on a typed-in narrative (every keystroke) and on a 1 MB document.</summary>
[MemoryDiagnoser]
public class CoachBenchmarks
{
    private readonly LanguageCoach _coach = new();
    private string _narrative = "";
    private string _megabyte = "";

    [GlobalSetup]
    public void Setup()
    {
        _narrative = Corpus.Narrative();
        _megabyte = Corpus.Generate(1024 * 1024);
    }

    [Benchmark]
    public int Narrative10Kb() => _coach.Check(_narrative).Count;

    [Benchmark]
    public int Document1Mb() => _coach.Check(_megabyte).Count;
}
