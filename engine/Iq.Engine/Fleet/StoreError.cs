using System.Data.Common;
using Iq.Rules.Messages;
using Microsoft.Data.Sqlite;

namespace Iq.Engine.Fleet;

/// <summary>Why a results store could not be opened or used, in the catalog's words: from SQLite's result code or
/// PostgreSQL's SQL state (the typed causes the drivers give), the driver's English only as a detail.</summary>
static class StoreError
{
    public static ILocalized Of(Exception e)
    {
        var kind = e switch
        {
            // SQLite result codes (sqlite3.h): the primary code, the low byte of an extended one.
            SqliteException s => (s.SqliteErrorCode & 0xff) switch
            {
                26 => Msg.StoreNotDatabase,      // SQLITE_NOTADB
                11 => Msg.StoreCorrupt,          // SQLITE_CORRUPT
                14 => Msg.StoreCannotOpenFile,   // SQLITE_CANTOPEN
                8 => Msg.StoreReadOnly,          // SQLITE_READONLY
                5 or 6 => Msg.StoreLocked,       // SQLITE_BUSY, SQLITE_LOCKED
                13 => Msg.IoNoSpace,             // SQLITE_FULL
                3 or 23 => Msg.IoDenied,         // SQLITE_PERM, SQLITE_AUTH
                10 => Msg.IoDevice,              // SQLITE_IOERR
                _ => Msg.StoreOther,
            },
            // PostgreSQL SQL states (Appendix A of its manual): class 28 authorization, 3D000 no such database, class 08
            // connection; a server never reached leaves a socket error or a timeout under the driver's exception.
            DbException { SqlState: { } state } when state.StartsWith("28", StringComparison.Ordinal) => Msg.StoreLogin,
            DbException { SqlState: "3D000" } => Msg.StoreNoSuchDatabase,
            DbException { SqlState: "42501" } => Msg.IoDenied,
            DbException { SqlState: "53100" } => Msg.IoNoSpace,
            DbException { SqlState: { } state } when state.StartsWith("08", StringComparison.Ordinal) => Msg.StoreUnreachable,
            System.Net.Sockets.SocketException or TimeoutException => Msg.StoreUnreachable,
            DbException { InnerException: System.Net.Sockets.SocketException or TimeoutException } => Msg.StoreUnreachable,
            ArgumentException => Msg.StoreBadConnection,
            IOException or UnauthorizedAccessException => null,
            _ => Msg.StoreOther,
        };
        return kind is null ? LibraryError.Io(e) : kind.With(LibraryError.English(Driver(e), e.Message));
    }

    static string Driver(Exception e) => e.GetType().Namespace switch
    {
        { } n when n.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal) => "SQLite",
        { } n when n.StartsWith("Npgsql", StringComparison.Ordinal) => "Npgsql",
        _ => ".NET",
    };
}
