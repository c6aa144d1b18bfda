using Fireside.Cli;

return await FiresideCli.RunAsync(args, Console.Out, Console.Error);
