using Iq.Rules.Messages;
using System.Globalization;

namespace Iq.Engine.Fleet;

/// <summary>Where the results store is, as <c>--store</c> gives it: a file (SQLite), or a PostgreSQL URL
/// <c>postgres://USER:PASSWORD@HOST:PORT/DATABASE?sslmode=require</c> (also <c>postgresql://</c>; a Unix socket folder as
/// <c>?host=/run/postgresql</c> or a percent-encoded host). Parsed here, before anything connects, so that a mistyped URL
/// is a message naming what is wrong, never a driver's stack trace; the password is never shown.</summary>
public sealed record StoreLocation
{
    public bool IsPostgres { get; init; }
    public string? File { get; init; }
    public string? Host { get; init; }
    public int? Port { get; init; }
    public string? Database { get; init; }
    public string? User { get; init; }
    public string? Password { get; init; }
    public IReadOnlyDictionary<string, string> Options { get; init; } = new Dictionary<string, string>();

    /// <summary>Query parameters a URL may carry (libpq's names, the ones that make sense here).</summary>
    public static readonly IReadOnlyList<string> KnownOptions = ["host", "port", "user", "password", "dbname", "sslmode", "connect_timeout", "application_name"];
    public static readonly IReadOnlyList<string> SslModes = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"];

    public const int MaxLength = 4096;

    /// <summary>For messages: the URL without its password.</summary>
    public string Display => IsPostgres
        ? $"postgres://{(User is null ? "" : Uri.EscapeDataString(User) + (Password is null ? "" : ":***") + "@")}{Host}{(Port is { } p ? ":" + p : "")}/{Database}"
        : File!;

    public static StoreLocation Parse(string spec, out MessageText? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(spec)) return Fail(Msg.StoreEmpty.Text, out error);
        if (spec.Length > MaxLength) return Fail(Msg.StoreTooLong.With(spec.Length, MaxLength), out error);
        if (spec.Any(char.IsControl)) return Fail(Msg.StoreControl.Text, out error);
        var colon = spec.IndexOf("://", StringComparison.Ordinal);
        var scheme = colon > 0 ? spec[..colon].ToLowerInvariant() : null;
        if (scheme is null) return new StoreLocation { File = spec };
        if (scheme is not ("postgres" or "postgresql"))
            return Fail(Msg.StoreScheme.With(spec[..colon]), out error);
        return ParsePostgres(spec, spec[(colon + 3)..], out error);
    }

    static StoreLocation ParsePostgres(string spec, string rest, out MessageText? error)
    {
        error = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var q = rest.IndexOf('?');
        var query = q >= 0 ? rest[(q + 1)..] : "";
        rest = q >= 0 ? rest[..q] : rest;
        if (rest.Contains('#')) return Fail(Msg.StoreFragment.Text, out error);
        var slash = rest.IndexOf('/');
        var authority = slash >= 0 ? rest[..slash] : rest;
        var path = slash >= 0 ? rest[(slash + 1)..] : "";
        string? user = null, password = null;
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var userInfo = authority[..at];
            authority = authority[(at + 1)..];
            var c = userInfo.IndexOf(':');
            if (!Decode(c >= 0 ? userInfo[..c] : userInfo, Msg.UrlUser, out user, out error)) return new StoreLocation();
            if (c >= 0 && !Decode(userInfo[(c + 1)..], Msg.UrlPassword, out password, out error)) return new StoreLocation();
            if (user!.Length == 0) return Fail(Msg.StoreEmptyUser.Text, out error);
        }
        string? host = null;
        int? port = null;
        if (authority.StartsWith('['))
        {
            var end = authority.IndexOf(']');
            if (end < 0) return Fail(Msg.StoreIpv6.Text, out error);
            host = authority[1..end];
            authority = authority[(end + 1)..];
            if (authority.Length > 0 && authority[0] != ':') return Fail(Msg.StoreAfterHost.With(authority), out error);
            if (authority.Length > 0 && !ParsePort(authority[1..], out port, out error)) return new StoreLocation();
        }
        else
        {
            var c = authority.LastIndexOf(':');
            if (c >= 0 && !ParsePort(authority[(c + 1)..], out port, out error)) return new StoreLocation();
            if (!Decode(c >= 0 ? authority[..c] : authority, Msg.UrlHost, out host, out error)) return new StoreLocation();
        }
        if (!Decode(path, Msg.UrlDatabase, out var database, out error)) return new StoreLocation();
        if (database!.Contains('/')) return Fail(Msg.StoreDatabaseName.With(database), out error);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) return Fail(Msg.StorePair.With(pair), out error);
            if (!Decode(pair[..eq], Msg.UrlParamName, out var name, out error) || !Decode(pair[(eq + 1)..], Msg.UrlParamValue, out var value, out error))
                return new StoreLocation();
            if (!KnownOptions.Contains(name!))
                return Fail(Msg.StoreUnknownParam.With(name, string.Join(", ", KnownOptions)), out error);
            if (options.ContainsKey(name!)) return Fail(Msg.StoreParamTwice.With(name), out error);
            options[name!] = value!;
        }
        if (options.Remove("host", out var h)) host = h;
        if (options.Remove("port", out var p) && !ParsePort(p, out port, out error)) return new StoreLocation();
        if (options.Remove("user", out var u)) user = u;
        if (options.Remove("password", out var pw)) password = pw;
        if (options.Remove("dbname", out var db)) database = db;
        if (options.TryGetValue("sslmode", out var ssl) && !SslModes.Contains(ssl))
            return Fail(Msg.StoreSslMode.With(ssl, string.Join(", ", SslModes)), out error);
        if (options.TryGetValue("connect_timeout", out var t) && !(int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var secs) && secs is > 0 and <= 3600))
            return Fail(Msg.StoreTimeout.With(t), out error);
        if (string.IsNullOrEmpty(host)) return Fail(Msg.StoreNoHost.Text, out error);
        if (string.IsNullOrEmpty(database)) return Fail(Msg.StoreNoDatabase.Text, out error);
        return new StoreLocation { IsPostgres = true, Host = host, Port = port, Database = database, User = user, Password = password, Options = options };
    }

    static bool ParsePort(string text, out int? port, out MessageText? error)
    {
        error = null;
        port = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535)
        {
            port = p;
            return true;
        }
        error = Msg.StorePort.With(text);
        return false;
    }

    static bool Decode(string text, Message what, out string? value, out MessageText? error)
    {
        error = null;
        value = null;
        // Uri.UnescapeDataString leaves a stray '%' as it is; libpq refuses it, and so do we.
        for (var i = text.IndexOf('%'); i >= 0; i = text.IndexOf('%', i + 1))
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                error = Msg.StorePercent.With(what.Text);
                return false;
            }
        value = Uri.UnescapeDataString(text);
        if (value.Any(char.IsControl))
        {
            error = Msg.StoreUrlControl.With(what.Text);
            value = null;
            return false;
        }
        return true;
    }

    static StoreLocation Fail(MessageText message, out MessageText? error)
    {
        error = message;
        return new StoreLocation();
    }
}
