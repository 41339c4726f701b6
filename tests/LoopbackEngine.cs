using System.Net;
using System.Net.Sockets;

namespace Wheelsmith.Tests;

/// <summary>
/// The local engine offered on a loopback TCP port, the way a remote engine is reached
/// (DOCKER_HOST=tcp://…): every connection is piped to the engine's unix socket, half-closes included.
/// </summary>
internal sealed class LoopbackEngine : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly string _socket;
    private int _connections;

    public LoopbackEngine(string socket = "/var/run/docker.sock")
    {
        _socket = socket;
        _listener.Start();
        _ = AcceptAsync();
    }

    public string DockerHost => $"tcp://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    /// <summary>How many connections the clients made through this port.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public void Dispose() => _listener.Stop();

    private async Task AcceptAsync()
    {
        while (true)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync();
            }
            catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref _connections);
            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(Socket client)
    {
        using (client)
        using (var engine = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            await engine.ConnectAsync(new UnixDomainSocketEndPoint(_socket));
            await Task.WhenAll(Forward(client, engine), Forward(engine, client));
        }
    }

    // Docker's hijacked streams (exec, attach) end a direction with a half-close, so one is passed on as one.
    private static async Task Forward(Socket from, Socket to)
    {
        var buffer = new byte[81920];
        try
        {
            int read;
            while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
            {
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }

            to.Shutdown(SocketShutdown.Send);
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The other side went away: the connection is over.
        }
    }
}
