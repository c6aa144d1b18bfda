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
// throughput FILE      lint FILE in-process on one thread until the JIT has settled, print MB/s (best of 5 settled runs) and the first pass
// library PROVIDER N  generate N reviews into a fresh database (sqlite or postgres) and time the library's searches
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
        var findings = 0;
        double Pass()
        {
            var clock = Stopwatch.StartNew();
            findings = coach.Check(text).Count;
            return clock.Elapsed.TotalSeconds;
        }

        // The first passes run code the JIT has not optimised yet (on one core its background compiler
        // waits its turn); keep going until two passes in a row agree, as they do in a running server.
        var first = Pass();
        var previous = first;
        var warmups = 1;
        for (; warmups < 15; warmups++)
        {
            var current = Pass();
            var settled = Math.Abs(current - previous) < 0.1 * Math.Min(current, previous) && current < 0.8 * first;
            previous = current;
            if (settled)
            {
                break;
            }
        }

        var best = Enumerable.Range(0, 5).Min(_ => Pass());
        var mb = new FileInfo(args[1]).Length / (1024.0 * 1024.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mb:0.0} MB in {best:0.000} s = {mb / best:0.0} MB/s, {findings} findings"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first pass in a fresh process: {first:0.000} s = {mb / first:0.0} MB/s; settled after {warmups + 1} passes"));
        return 0;
    case "library":
        // library sqlite|postgres REVIEWS
        var provider = Enum.Parse<Fireside.Data.DatabaseProvider>(args[1], ignoreCase: true);
        try
        {
            return await LibraryBench.RunAsync(provider, int.Parse(args[2], CultureInfo.InvariantCulture), Console.Out);
        }
        finally
        {
            Fireside.Testing.PostgresServer.StopIfStarted();
        }

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
