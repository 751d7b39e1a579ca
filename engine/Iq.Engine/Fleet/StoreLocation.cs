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

    public static StoreLocation Parse(string spec, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(spec)) return Fail("--store needs a file name (SQLite) or a postgres:// URL", out error);
        if (spec.Length > MaxLength) return Fail($"--store is {spec.Length} characters long; at most {MaxLength}", out error);
        if (spec.Any(char.IsControl)) return Fail("--store contains a control character", out error);
        var colon = spec.IndexOf("://", StringComparison.Ordinal);
        var scheme = colon > 0 ? spec[..colon].ToLowerInvariant() : null;
        if (scheme is null) return new StoreLocation { File = spec };
        if (scheme is not ("postgres" or "postgresql"))
            return Fail($"--store: unknown scheme '{spec[..colon]}://'; give a file name (SQLite) or postgres://USER@HOST/DATABASE", out error);
        return ParsePostgres(spec, spec[(colon + 3)..], out error);
    }

    static StoreLocation ParsePostgres(string spec, string rest, out string? error)
    {
        error = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var q = rest.IndexOf('?');
        var query = q >= 0 ? rest[(q + 1)..] : "";
        rest = q >= 0 ? rest[..q] : rest;
        if (rest.Contains('#')) return Fail("--store: a postgres URL has no #fragment", out error);
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
            if (!Decode(c >= 0 ? userInfo[..c] : userInfo, "user", out user, out error)) return new StoreLocation();
            if (c >= 0 && !Decode(userInfo[(c + 1)..], "password", out password, out error)) return new StoreLocation();
            if (user!.Length == 0) return Fail("--store: the user name before '@' is empty", out error);
        }
        string? host = null;
        int? port = null;
        if (authority.StartsWith('['))
        {
            var end = authority.IndexOf(']');
            if (end < 0) return Fail("--store: an IPv6 host opened with '[' is not closed with ']'", out error);
            host = authority[1..end];
            authority = authority[(end + 1)..];
            if (authority.Length > 0 && authority[0] != ':') return Fail($"--store: unexpected '{authority}' after the host", out error);
            if (authority.Length > 0 && !ParsePort(authority[1..], out port, out error)) return new StoreLocation();
        }
        else
        {
            var c = authority.LastIndexOf(':');
            if (c >= 0 && !ParsePort(authority[(c + 1)..], out port, out error)) return new StoreLocation();
            if (!Decode(c >= 0 ? authority[..c] : authority, "host", out host, out error)) return new StoreLocation();
        }
        if (!Decode(path, "database", out var database, out error)) return new StoreLocation();
        if (database!.Contains('/')) return Fail($"--store: '{database}' is not a database name (no '/')", out error);
        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) return Fail($"--store: '{pair}' in the URL's query needs NAME=VALUE", out error);
            if (!Decode(pair[..eq], "parameter name", out var name, out error) || !Decode(pair[(eq + 1)..], "parameter value", out var value, out error))
                return new StoreLocation();
            if (!KnownOptions.Contains(name!))
                return Fail($"--store: unknown URL parameter '{name}'; expected {string.Join(", ", KnownOptions)}", out error);
            if (options.ContainsKey(name!)) return Fail($"--store: URL parameter '{name}' given twice", out error);
            options[name!] = value!;
        }
        if (options.Remove("host", out var h)) host = h;
        if (options.Remove("port", out var p) && !ParsePort(p, out port, out error)) return new StoreLocation();
        if (options.Remove("user", out var u)) user = u;
        if (options.Remove("password", out var pw)) password = pw;
        if (options.Remove("dbname", out var db)) database = db;
        if (options.TryGetValue("sslmode", out var ssl) && !SslModes.Contains(ssl))
            return Fail($"--store: sslmode '{ssl}' is not one of {string.Join(", ", SslModes)}", out error);
        if (options.TryGetValue("connect_timeout", out var t) && !(int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var secs) && secs is > 0 and <= 3600))
            return Fail($"--store: connect_timeout '{t}' is not a number of seconds from 1 to 3600", out error);
        if (string.IsNullOrEmpty(host)) return Fail("--store: the postgres URL names no host (postgres://HOST/DATABASE, or ?host=/socket/folder)", out error);
        if (string.IsNullOrEmpty(database)) return Fail("--store: the postgres URL names no database (postgres://HOST/DATABASE)", out error);
        return new StoreLocation { IsPostgres = true, Host = host, Port = port, Database = database, User = user, Password = password, Options = options };
    }

    static bool ParsePort(string text, out int? port, out string? error)
    {
        error = null;
        port = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and <= 65535)
        {
            port = p;
            return true;
        }
        error = $"--store: port '{text}' is not a number from 1 to 65535";
        return false;
    }

    static bool Decode(string text, string what, out string? value, out string? error)
    {
        error = null;
        value = null;
        // Uri.UnescapeDataString leaves a stray '%' as it is; libpq refuses it, and so do we.
        for (var i = text.IndexOf('%'); i >= 0; i = text.IndexOf('%', i + 1))
            if (i + 2 >= text.Length || !char.IsAsciiHexDigit(text[i + 1]) || !char.IsAsciiHexDigit(text[i + 2]))
            {
                error = $"--store: the URL's {what} is not valid percent-encoding";
                return false;
            }
        value = Uri.UnescapeDataString(text);
        if (value.Any(char.IsControl))
        {
            error = $"--store: the URL's {what} contains a control character";
            value = null;
            return false;
        }
        return true;
    }

    static StoreLocation Fail(string message, out string? error)
    {
        error = message;
        return new StoreLocation();
    }
}
