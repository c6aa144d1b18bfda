namespace Fireside.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args) => FiresideCli.RunAsync(args, Console.Out, Console.Error);
}
