using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace Wheelsmith.Tests;

/// <summary>
/// A Cake context for tests: the few services the git aliases use (file system, environment, log) as Cake makes them;
/// a whole CakeContext would want a tool installer and a service provider the aliases never touch.
/// </summary>
internal sealed class GitContext : ICakeContext
{
    private readonly RecordingLog _log = new();

    public IReadOnlyList<string> Logged => _log.Lines;
    public IFileSystem FileSystem { get; } = new FileSystem();
    public ICakeEnvironment Environment { get; } = new CakeEnvironment(new CakePlatform(), new CakeRuntime());
    public ICakeLog Log => _log;
    public IGlobber Globber => throw new NotSupportedException();
    public ICakeArguments Arguments => throw new NotSupportedException();
    public IProcessRunner ProcessRunner => throw new NotSupportedException();
    public IRegistry Registry => throw new NotSupportedException();
    public IToolLocator Tools => throw new NotSupportedException();
    public ICakeDataResolver Data => throw new NotSupportedException();
    public ICakeConfiguration Configuration => throw new NotSupportedException();
    public IToolInstaller ToolInstaller => throw new NotSupportedException();
    public IServiceProvider ServiceProvider => throw new NotSupportedException();
}

internal sealed class RecordingLog : ICakeLog
{
    public List<string> Lines { get; } = [];
    public Verbosity Verbosity { get; set; } = Verbosity.Diagnostic;

    public void Write(Verbosity verbosity, LogLevel level, string format, params object[] args) =>
        Lines.Add($"{level}: {string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args)}");
}
