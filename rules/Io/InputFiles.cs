using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Rules.Io;

/// <summary>The kinds of file iq reads, each with its size limit (docs/limits.md).</summary>
public enum InputKind { Checklist, FactDocument, Judgments, Workbook, ReportInfo, Manifest, Snapshot, TestReport, Log, Array, Model, Results, Archive, Scan, Text, Seal, Description, Labels, Config }

/// <summary>How large an input may be. The defaults fit real inputs with room to spare and keep a mistaken or hostile file
/// (a disk image given as a fact document) from exhausting memory; <c>--max-input-size</c> replaces them for one run.</summary>
public static class InputLimits
{
    const long MiB = 1024 * 1024;

    static readonly Dictionary<InputKind, long> Defaults = new()
    {
        [InputKind.Checklist] = 8 * MiB,        // the bundled IQ checklist is 60 KB
        [InputKind.FactDocument] = 256 * MiB,   // read whole into memory, then typed
        [InputKind.Judgments] = 64 * MiB,       // attestations, waivers: YAML or CSV, a row per item
        [InputKind.Workbook] = 64 * MiB,        // the review workbook (compressed); its content is bounded apart (Zip)
        [InputKind.ReportInfo] = 1 * MiB,       // eight C.1 fields
        [InputKind.Manifest] = 256 * MiB,       // SBOMs of large products run to tens of MB
        [InputKind.Snapshot] = 512 * MiB,       // one line per file of the snapshotted tree
        [InputKind.TestReport] = 256 * MiB,     // JUnit XML
        [InputKind.Log] = long.MaxValue,        // streamed a line at a time: any size (lines are bounded instead)
        [InputKind.Array] = 1024 * MiB,         // one .npy case
        [InputKind.Model] = 2048 * MiB,         // ONNX's own protobuf limit
        [InputKind.Results] = 256 * MiB,
        [InputKind.Scan] = 512 * MiB,           // XCCDF/ARF or a Lynis report (plain or gzip; the content is bounded apart: ScanInput)
        [InputKind.Archive] = 1024 * MiB,       // an audit archive (zip) read whole; its content is bounded apart (AuditArchive)
        [InputKind.Text] = 16 * MiB,            // release notes and other small text
        [InputKind.Seal] = 64 * 1024,           // a seal is a few hundred bytes
        [InputKind.Description] = 16 * MiB,     // a model description (YAML), a data-import document, a training log
        [InputKind.Labels] = 64 * MiB,          // class labels, one a line
        [InputKind.Config] = 4 * MiB,           // a file a probe reads under --root (sshd_config, os-release, /proc/cpuinfo)
    };

    /// <summary>Set by <c>--max-input-size</c>: the limit for every kind of input in this process.</summary>
    public static long? Override { get; set; }

    public const string Option = "--max-input-size";

    public static long For(InputKind kind) => Override ?? Defaults[kind];

    public static IReadOnlyDictionary<InputKind, long> All => Defaults;
}

/// <summary>An input that cannot be read as a file: missing, not a regular file, a link loop, too large, unreadable.
/// <see cref="Path"/> is the path as the user wrote it.</summary>
public sealed class InputFileException(string path, MessageText text) : IOException($"{path}: {text}")
{
    public string Path { get; } = path;

    /// <summary>Why, as a catalog message (rendered in the reader's language at the edge).</summary>
    public MessageText Text { get; } = text;
    public string Code => Text.Code ?? "";

    /// <summary>Why, in English.</summary>
    public string Reason => Text.ToString();

    /// <summary>A refusal of the path as a whole (a folder that is not one): no line or column to give.</summary>
    public bool Whole { get; init; }

    public Diagnostic ToDiagnostic() => Diagnostic.Error(Text, Whole ? SourceSpan.Whole(Path) : SourceSpan.None(Path));

    /// <summary>Why, as a probe stores it beside a missing fact: a fact reason with a code of its own (IQ736x), the same English
    /// words. A diagnostic's code cannot name the message in a document (IQ1014 names four, IQ1013 two, and their arguments
    /// are words of either language), so each refusal a probe meets (reading <see cref="InputKind.Config"/>) has its own
    /// code there. A refusal no fact reason words (a size limit of another kind of input) is this text, stored as its English
    /// words.</summary>
    public MessageText FactReason => ProbeReason(Text);

    static readonly Dictionary<Message, Message> NotRegular = new()
    {
        [Msg.KindFolder] = Msg.ReadNotRegularFolder,
        [Msg.KindFifo] = Msg.ReadNotRegularFifo,
        [Msg.KindCharDevice] = Msg.ReadNotRegularCharDevice,
        [Msg.KindBlockDevice] = Msg.ReadNotRegularBlockDevice,
        [Msg.KindSocket] = Msg.ReadNotRegularSocket,
        [Msg.KindLink] = Msg.ReadNotRegularLink,
        [Msg.KindLinkLoop] = Msg.ReadNotRegularLinkLoop,
        [Msg.KindOther] = Msg.ReadNotRegularOther,
    };

    static MessageText ProbeReason(MessageText text)
    {
        var (m, v) = (text.Message, text.Values);
        if (m == Msg.InputNotFound) return Msg.ReadNotFound.Text;
        if (m == Msg.InputDenied) return Msg.ReadDenied.Text;
        if (m == Msg.InputErrno) return Msg.ReadErrno.With(v[0]);
        if (m == Msg.InputCannotRead) return Msg.ReadFailed.With(v[0]);
        if (m == Msg.InputNotRegular && v[0] is MessageText kind && NotRegular.TryGetValue(kind.Message, out var notRegular)) return notRegular.Text;
        if (m == Msg.InputTooLarge && v[1] is MessageText input && input.Message == Msg.InputConfig)
            return v[0] is MessageText more && more.Message == Msg.MoreThan ? Msg.ReadTooLargeGrowing.With(v[2], v[3]) : Msg.ReadTooLarge.With(v[0], v[2], v[3]);
        return text;
    }
}

/// <summary>The one way iq opens a file the user gave it. Only a regular file is read (following links): a FIFO, a device
/// (<c>/dev/zero</c>), a socket, a folder or a loop of links is refused before anything blocks or reads without end, and
/// the check is made again on the opened handle, so that a path swapped in between is caught. Sizes are bounded per kind
/// (<see cref="InputLimits"/>), by the file's size and again while reading. Every file opened is noted in the current
/// <see cref="InputLedger"/>, so that no output of the run replaces one of its inputs.</summary>
public static class InputFiles
{
    /// <summary>Why <paramref name="path"/> cannot be read as an input of this kind, or null when it can (a cheap check:
    /// nothing is opened).</summary>
    public static InputFileException? Refusal(string path, InputKind kind)
    {
        var facts = FileFacts.Of(path);
        return Refuse(path, facts, kind);
    }

    static InputFileException? Refuse(string path, FileFacts facts, InputKind kind)
    {
        switch (facts.Kind)
        {
            case FileKind.Regular:
                var limit = InputLimits.For(kind);
                return facts.Size > limit ? TooLarge(path, facts.Size, limit, kind) : null;
            case FileKind.Missing:
                // A name that is not UTF-8 comes back from a folder's listing with U+FFFD in place of its bad bytes, and
                // that name opens nothing: say so, with the bytes escaped, rather than "not found" of a file that is there.
                return new InputFileException(path, FileNames.NotUtf8(path) is { } escaped ? Msg.InputNameNotUtf8.With(escaped) : Msg.InputNotFound.Text);
            default:
                return new InputFileException(path, Msg.InputNotRegular.With(FileFacts.Localized(facts.Kind)));
        }
    }

    static InputFileException TooLarge(string path, long size, long limit, InputKind kind) =>
        new(path, Msg.InputTooLarge.With(size < 0 ? Msg.MoreThan.With(limit) : size, Name(kind), limit, InputLimits.Option));

    static MessageText Name(InputKind kind) => (kind switch
    {
        InputKind.Checklist => Msg.InputChecklist,
        InputKind.FactDocument => Msg.InputFactDocument,
        InputKind.Judgments => Msg.InputJudgments,
        InputKind.Workbook => Msg.InputWorkbook,
        InputKind.ReportInfo => Msg.InputReportInfo,
        InputKind.Manifest => Msg.InputManifest,
        InputKind.Snapshot => Msg.InputSnapshot,
        InputKind.TestReport => Msg.InputTestReport,
        InputKind.Log => Msg.InputLog,
        InputKind.Array => Msg.InputArray,
        InputKind.Model => Msg.InputModel,
        InputKind.Results => Msg.InputResults,
        InputKind.Archive => Msg.InputArchive,
        InputKind.Scan => Msg.InputScan,
        InputKind.Seal => Msg.InputSeal,
        InputKind.Description => Msg.InputDescription,
        InputKind.Labels => Msg.InputLabels,
        InputKind.Config => Msg.InputConfig,
        _ => Msg.InputText,
    }).Text;

    /// <summary>Opens a regular file for reading, or throws <see cref="InputFileException"/>.</summary>
    public static FileStream OpenRead(string path, InputKind kind, int bufferSize = 4096, FileOptions options = FileOptions.None)
    {
        if (Refuse(path, FileFacts.Of(path), kind) is { } refusal) throw refusal;
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        if (OperatingSystem.IsLinux())
        {
            // A fact document or a seal is read as the file itself, never through a link (docs/trust.md): refused in the
            // open (O_NOFOLLOW), so a link put in its place after the folder was listed or the path checked is refused too.
            var noFollow = kind is InputKind.FactDocument or InputKind.Seal;
            var (h, errno) = Unix.Open(path, write: false, noFollow);
            if (h is null && noFollow && errno == Unix.ELoop) throw new InputFileException(path, Msg.DocumentIsLink.With(LinkTarget(path)));
            if (h is null)
                throw new InputFileException(path, errno == Unix.EAccess ? Msg.InputDenied.Text : Msg.InputErrno.With(errno));
            handle = h;
        }
        else
        {
            try { handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, options); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new InputFileException(path, Msg.InputCannotRead.With(LibraryError.Io(e))); }
        }
        var facts = FileFacts.Of(handle);
        if (Refuse(path, facts, kind) is { } late)
        {
            handle.Dispose();
            throw late;
        }
        InputLedger.Note(path, facts);
        return new FileStream(handle, FileAccess.Read, bufferSize);
    }

    static string LinkTarget(string path)
    {
        try { return new FileInfo(path).LinkTarget ?? "?"; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return "?"; }
    }

    /// <summary>A regular file's bytes, bounded by the kind's limit (also when the file grows while it is read).</summary>
    public static byte[] ReadAllBytes(string path, InputKind kind)
    {
        using var stream = OpenRead(path, kind, bufferSize: 0);
        var limit = InputLimits.For(kind);
        var expected = stream.Length;
        if (expected is > 0 and < 64 * 1024 * 1024)
        {
            // The usual case, a regular file of known size: read straight into its array (no copy, no growing).
            var exact = new byte[expected];
            if (ReadKnownSize(stream, exact, (int)expected)) return exact;
            stream.Position = 0;
        }
        return ReadGrowing(stream, path, kind, expected, limit);
    }

    /// <summary>A regular file's bytes as <see cref="ReadAllBytes"/> reads them, bounded the same way, in an array rented from
    /// the shared pool when the file's size is known: reading many documents one after another (a fleet's bundles) then
    /// allocates no array per document. Dispose it once the bytes are no longer used.</summary>
    public static PooledBytes ReadPooled(string path, InputKind kind)
    {
        using var stream = OpenRead(path, kind, bufferSize: 0);
        var limit = InputLimits.For(kind);
        var expected = stream.Length;
        if (expected is > 0 and < 64 * 1024 * 1024)
        {
            var rented = System.Buffers.ArrayPool<byte>.Shared.Rent((int)expected + 1);
            if (ReadKnownSize(stream, rented, (int)expected)) return new PooledBytes(rented, (int)expected, pooled: true);
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            stream.Position = 0;
        }
        var bytes = ReadGrowing(stream, path, kind, expected, limit);
        return new PooledBytes(bytes, bytes.Length, pooled: false);
    }

    /// <summary>Reads a file of known size (<paramref name="expected"/> bytes) into the start of <paramref name="buffer"/>: true
    /// when it held exactly that many, false when it has shrunk or grown since its size was read (the caller then reads it
    /// again from the start, bounded). Whether more follows is seen by reading one byte past the end: into the buffer where
    /// it has room (a pooled array), else on its own.</summary>
    static bool ReadKnownSize(FileStream stream, byte[] buffer, int expected)
    {
        var filled = 0;
        int n;
        while (filled < expected && (n = stream.Read(buffer, filled, expected - filled)) > 0) filled += n;
        if (filled != expected) return false;
        return buffer.Length > expected ? stream.Read(buffer, expected, 1) == 0 : stream.ReadByte() < 0;
    }

    static byte[] ReadGrowing(FileStream stream, string path, InputKind kind, long expected, long limit)
    {
        using var memory = new MemoryStream(expected is > 0 and < int.MaxValue ? (int)expected : 0);
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (memory.Length + read > limit || memory.Length + read > Array.MaxLength) throw TooLarge(path, -1, limit, kind);
            memory.Write(buffer, 0, read);
        }
        return memory.Length == memory.Capacity ? memory.GetBuffer() : memory.ToArray();
    }

    /// <summary>A regular file's SHA-256 (lower-case hex), read through a pooled buffer and bounded by the kind's limit (also
    /// when the file grows while it is read): hashing a FIFO or <c>/dev/zero</c> is refused, never blocks or reads without end.</summary>
    public static string Sha256(string path, InputKind kind)
    {
        using var stream = OpenRead(path, kind, bufferSize: 0);
        var limit = InputLimits.For(kind);
        using var sha = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            long total = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > limit) throw TooLarge(path, -1, limit, kind);
                sha.AppendData(buffer, 0, read);
            }
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(buffer); }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    /// <summary>The file as text (UTF-8, BOM dropped), bounded by the kind's limit.</summary>
    public static string ReadAllText(string path, InputKind kind)
    {
        var bytes = ReadAllBytes(path, kind);
        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        return System.Text.Encoding.UTF8.GetString(bytes, start, bytes.Length - start);
    }

    /// <summary>A folder the user gave (a bundle, a tree to hash): it must be a folder, links allowed to it.</summary>
    public static InputFileException? FolderRefusal(string path) => FileFacts.Of(path).Kind switch
    {
        FileKind.Directory => null,
        FileKind.Missing => new InputFileException(path, Msg.FolderNotFound.Text),
        var k => new InputFileException(path, Msg.InputNotFolder.With(FileFacts.Localized(k))) { Whole = true },
    };

    /// <summary>Whether <paramref name="path"/>, with every link resolved, lies inside <paramref name="root"/> (itself resolved):
    /// a tree being hashed or snapshotted is never left through a link.</summary>
    public static bool IsWithin(string path, string root)
    {
        var full = Resolve(path);
        var top = Resolve(root);
        if (full is null || top is null) return false;
        var rel = System.IO.Path.GetRelativePath(top, full);
        return rel != ".." && !rel.StartsWith("../", StringComparison.Ordinal) && !System.IO.Path.IsPathRooted(rel);
    }

    /// <summary>The path with every symbolic link along it resolved; null for a loop or a dangling link.</summary>
    public static string? Resolve(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        var parts = full.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var current = "/";
        var hops = 0;
        var queue = new Queue<string>(parts);
        while (queue.Count > 0)
        {
            var part = queue.Dequeue();
            if (part == ".") continue;
            if (part == "..") { current = System.IO.Path.GetDirectoryName(current) ?? "/"; continue; }
            var next = System.IO.Path.Combine(current, part);
            FileSystemInfo info = new FileInfo(next);
            if (!info.Exists && Directory.Exists(next)) info = new DirectoryInfo(next);
            if (info.LinkTarget is { } target)
            {
                if (++hops > 40) return null;
                var rest = queue.ToArray();
                queue.Clear();
                var resolved = System.IO.Path.IsPathRooted(target) ? target : System.IO.Path.Combine(current, target);
                foreach (var p in resolved.Split('/', StringSplitOptions.RemoveEmptyEntries).Concat(rest)) queue.Enqueue(p);
                current = "/";
                continue;
            }
            current = next;
        }
        return current;
    }
}

/// <summary>The files a run has read, by identity (device, inode), so that its outputs never replace one of them (the
/// review workbook given to <c>--attestations</c> and to <c>--xlsx</c>). Scoped to a run: <c>using var _ = InputLedger.Begin();</c>.</summary>
public sealed class InputLedger : IDisposable
{
    static readonly AsyncLocal<InputLedger?> CurrentLedger = new();
    readonly List<(string Path, FileFacts Facts)> _inputs = [];
    readonly List<(string Path, FileFacts Facts)> _folders = [];
    readonly InputLedger? _previous;

    InputLedger(InputLedger? previous) => _previous = previous;

    public static InputLedger? Current => CurrentLedger.Value;

    public static InputLedger Begin()
    {
        var ledger = new InputLedger(CurrentLedger.Value);
        CurrentLedger.Value = ledger;
        return ledger;
    }

    /// <summary>Notes a file read by other means (a library that opens the path itself).</summary>
    public static void Note(string path, FileFacts facts)
    {
        if (CurrentLedger.Value is not { } ledger || !facts.Exists) return;
        lock (ledger._inputs) ledger._inputs.Add((path, facts));
    }

    /// <summary>Forgets a file that was read to be replaced on purpose: <c>iq imports</c> reads the bundle's data_imports.json
    /// and writes it back with one data set more.</summary>
    public static void Release(string path)
    {
        if (CurrentLedger.Value is not { } ledger) return;
        var facts = FileFacts.Of(path);
        lock (ledger._inputs) ledger._inputs.RemoveAll(i => i.Facts.SameFileAs(facts));
    }

    /// <summary>Notes a folder the run reads as a whole (a fact bundle, a tree to snapshot or hash, a bundle to redact, a
    /// folder of cases): no output of the run may go into it or below it, where it would become part of what it was made
    /// from (a results.json in a bundle is read as a fact document by the next audit).</summary>
    public static void NoteFolder(string path)
    {
        if (CurrentLedger.Value is not { } ledger) return;
        var facts = FileFacts.Of(path);
        if (facts.Kind != FileKind.Directory) return;
        lock (ledger._folders) ledger._folders.Add((path, facts));
    }

    /// <summary>The input folder that holds <paramref name="path"/> (an output to be written), if one does: each folder
    /// above the path that exists is compared with the input folders by device and inode, so that a link or another
    /// spelling of the same folder is found too.</summary>
    public string? FolderHolding(string path)
    {
        lock (_folders)
        {
            if (_folders.Count == 0) return null;
            for (var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)); !string.IsNullOrEmpty(dir); dir = System.IO.Path.GetDirectoryName(dir))
            {
                var facts = FileFacts.Of(dir);
                if (!facts.Exists) continue;
                foreach (var (folder, input) in _folders)
                    if (facts.SameFileAs(input)) return folder;
            }
            return null;
        }
    }

    /// <summary>The input the file at <paramref name="facts"/> is, if it is one.</summary>
    public string? InputAt(FileFacts facts)
    {
        lock (_inputs) return _inputs.FirstOrDefault(i => i.Facts.SameFileAs(facts)).Path;
    }

    public void Dispose() => CurrentLedger.Value = _previous;
}
