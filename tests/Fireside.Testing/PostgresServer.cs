using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Fireside.Testing;

/// <summary>
/// A throw-away PostgreSQL from the machine's own packages: initdb into a temp folder, pg_ctl start on a
/// free loopback port, stopped when the test process exits. One server per test process; each test
/// asks for a database of its own with <see cref="NewConnectionString"/>.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _binDir;
    private readonly string _root;
    private readonly bool _asPostgresUser;
    private int _stopped;

    private PostgresServer(string binDir, string root, int port, bool asPostgresUser)
    {
        _binDir = binDir;
        _root = root;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    public static PostgresServer Instance => Shared.Value;

    public static void StopIfStarted()
    {
        if (Shared.IsValueCreated)
        {
            Shared.Value.Dispose();
        }
    }

    /// <summary>A connection string for a database nobody else uses. Migrations create it.</summary>
    public string NewConnectionString(string prefix = "fireside") =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = $"{prefix}_{Guid.NewGuid():N}",
            Pooling = false,
            IncludeErrorDetail = true,
        }.ToString();

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        try
        {
            Run(Path.Combine(_binDir, "pg_ctl"), ["-D", DataDir, "-m", "immediate", "-w", "stop"], throwOnError: false);
        }
        finally
        {
            try
            {
                Directory.Delete(_root, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }

    private string DataDir => Path.Combine(_root, "data");

    private static PostgresServer Start()
    {
        var binDir = FindBinDir()
            ?? throw new InvalidOperationException(
                "PostgreSQL is not installed, and the data tests run against it. Run ./test.sh, which installs it with apt-get, or `apt-get install postgresql`.");
        var asPostgresUser = Environment.UserName == "root";
        var root = Path.Combine(Path.GetTempPath(), $"fireside-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var server = new PostgresServer(binDir, root, FreePort(), asPostgresUser);
        if (asPostgresUser)
        {
            // initdb refuses to run as root; the postgresql package made a postgres user for this.
            Run("chown", ["-R", "postgres:postgres", root], throwOnError: true);
        }

        server.Run(Path.Combine(binDir, "initdb"), ["-D", server.DataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
        server.Run(Path.Combine(binDir, "pg_ctl"),
        [
            "-D", server.DataDir, "-l", Path.Combine(root, "postgres.log"), "-w", "-t", "60",
            "-o", $"-p {server.Port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            "start",
        ]);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
        return server;
    }

    private void Run(string file, string[] args) => Run(file, args, throwOnError: true, _asPostgresUser);

    private void Run(string file, string[] args, bool throwOnError) => Run(file, args, throwOnError, _asPostgresUser);

    private static void Run(string file, string[] args, bool throwOnError, bool asPostgresUser = false)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file })
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{file} did not finish within two minutes.");
        }

        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {stdout.Result}{stderr.Result}");
        }
    }

    private static string? FindBinDir()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            .Where(d => File.Exists(Path.Combine(d.Dir, "initdb")))
            .OrderByDescending(d => d.Version)
            .Select(d => d.Dir)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// Stops the shared server when the last test that needs it is done (xunit disposes collection fixtures
/// deterministically; the process-exit hook is only the fallback).
/// </summary>
public sealed class PostgresLifetime : IDisposable
{
    public PostgresServer Server => PostgresServer.Instance;

    public void Dispose() => PostgresServer.StopIfStarted();
}
