using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Fireside.Bench;
using Fireside.Language;

// corpus FILE MB       write the generated corpus
// slack-export FILE N  write a Slack workspace export zip with N messages
// throughput FILE      lint FILE in-process on one thread, print MB/s (best of 5 runs)
// worst-case MB        check MB of trigger words without punctuation (one endless sentence), print the time
// (anything else)      BenchmarkDotNet
switch (args.FirstOrDefault())
{
    case "corpus":
        var megabytes = int.Parse(args[2], CultureInfo.InvariantCulture);
        await File.WriteAllTextAsync(args[1], Corpus.Generate(megabytes * 1024 * 1024));
        return 0;
    case "slack-export":
        SlackExport.Write(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        return 0;
    case "throughput":
        var text = await File.ReadAllTextAsync(args[1]);
        var coach = new LanguageCoach();
        var best = double.MaxValue;
        var findings = 0;
        for (var run = 0; run < 6; run++)
        {
            var clock = Stopwatch.StartNew();
            findings = coach.Check(text).Count;
            if (run > 0)
            {
                best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
        }

        var mb = new FileInfo(args[1]).Length / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mb:0.0} MB in {best:0.000} s = {mb / best:0.0} MB/s, {findings} findings"));
        return 0;
    case "worst-case":
        var size = int.Parse(args[1], CultureInfo.InvariantCulture);
        var hostile = Corpus.TriggerDense(size * 1024 * 1024);
        var worstCoach = new LanguageCoach();
        worstCoach.Check(Corpus.TriggerDense(64 * 1024));
        var watch = Stopwatch.StartNew();
        var count = worstCoach.Check(hostile).Count;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{size} MB of trigger words without punctuation in {watch.Elapsed.TotalSeconds:0.000} s, {count} findings"));
        return 0;
    default:
        // In-process: runs wherever the script is started, without generating and building a project.
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short"))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        BenchmarkRunner.Run<CoachBenchmarks>(config, args);
        return 0;
}
