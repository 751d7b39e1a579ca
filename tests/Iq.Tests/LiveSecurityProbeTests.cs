using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Iq.Engine.Probes;

namespace Iq.Tests;

/// <summary>The security probe on the machine the tests run on: every fact is a value or missing evidence with a
/// reason, and the values agree with tools iq does not contain (getent, auditctl, sshd -T, the kernel's own socket table
/// seen through a listener this test opens).</summary>
public class LiveSecurityProbeTests : IDisposable
{
    readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    readonly JsonObject _security;

    public LiveSecurityProbeTests()
    {
        _listener.Start();
        _security = SecurityProbes.ProbeAsync(ProbeContext.ForThisMachine(), CancellationToken.None).GetAwaiter().GetResult();
    }

    public void Dispose() => _listener.Stop();

    static IEnumerable<(string Path, JsonNode? Node)> Leaves(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o when o.ContainsKey("$absent") || o.ContainsKey("$error"):
                yield return (path, o);
                break;
            case JsonObject o:
                foreach (var p in o) foreach (var leaf in Leaves(p.Value, $"{path}.{p.Key}")) yield return leaf;
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++) foreach (var leaf in Leaves(a[i], $"{path}[{i}]")) yield return leaf;
                break;
            default:
                yield return (path, node);
                break;
        }
    }

    [Fact]
    public void Every_fact_is_a_value_or_missing_with_a_reason()
    {
        foreach (var group in new[] { "ssh", "pam", "accounts", "sudo", "audit", "auth_log", "firewall", "mac", "listening" })
            Assert.True(_security.ContainsKey(group), $"no {group}");
        foreach (var (path, node) in Leaves(_security, "security"))
        {
            Assert.True(node is not null, $"{path} is null");
            if (node is JsonObject marker)
            {
                var reason = (string?)(marker["$absent"] ?? marker["$error"]);
                Assert.False(string.IsNullOrWhiteSpace(reason), $"{path}: missing without a reason");
            }
        }
        // Each group that was read says where from.
        foreach (var (name, group) in _security.Where(g => g.Value is JsonObject o && !o.ContainsKey("$absent") && !o.ContainsKey("$error")))
            Assert.False(string.IsNullOrWhiteSpace((string?)group!["source"]), $"security.{name} has no source");
    }

    [Fact]
    public void Uid_0_accounts_agree_with_getent()
    {
        var getent = Requires.Run("getent", "passwd");
        var expected = getent.Stdout.Split('\n').Select(l => l.Split(':')).Where(f => f.Length >= 3 && f[2] == "0" && f[0] != "root").Select(f => f[0]);
        Assert.Equal(expected, _security["accounts"]!["uid0"]!.AsArray().Select(n => (string)n!));
    }

    [Fact]
    public void A_socket_this_test_listens_on_is_found_with_its_process()
    {
        var port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        var socket = _security["listening"]!["sockets"]!.AsArray().Single(s => (int)s!["port"]! == port && (string)s["address"]! == "127.0.0.1")!;
        Assert.Equal("tcp", (string)socket["protocol"]!);
        Assert.Equal(File.ReadAllText("/proc/self/comm").Trim(), (string)socket["process"]!);
    }

    [Fact]
    public void Audit_state_agrees_with_auditctl_or_says_why_not()
    {
        var audit = _security["audit"]!;
        if (!File.Exists("/usr/sbin/auditctl") && !File.Exists("/sbin/auditctl"))
        {
            Assert.Contains("auditctl: not found on the search path", audit.ToJsonString());
            return;
        }
        var status = Requires.Run(File.Exists("/usr/sbin/auditctl") ? "/usr/sbin/auditctl" : "/sbin/auditctl", "-s");
        if (status.Code != 0)
        {
            Assert.Contains("auditctl -s exited", (string)audit["enabled"]!["$absent"]!);
            return;
        }
        var enabled = status.Stdout.Split('\n').Single(l => l.StartsWith("enabled ", StringComparison.Ordinal))[8..].Trim();
        Assert.Equal(enabled is "1" or "2", (bool)audit["enabled"]!);
    }

    [Fact]
    public void Ssh_agrees_with_sshd_T_or_names_why_the_files_were_read()
    {
        var ssh = _security["ssh"]!;
        if (!(bool)ssh["installed"]!) return;
        if ((string)ssh["source"]! != "sshd -T")
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)ssh["fallback_reason"]));
            return;
        }
        var run = Requires.Run(File.Exists("/usr/sbin/sshd") ? "/usr/sbin/sshd" : "sshd", "-T");
        Assert.Equal(0, run.Code);
        var line = run.Stdout.Split('\n').Single(l => l.StartsWith("passwordauthentication ", StringComparison.Ordinal));
        Assert.Equal(line.Split(' ')[1], (string)ssh["password_authentication"]!);
    }
}
