using System.Runtime.InteropServices;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;

namespace Iq.Rules.Io;

/// <summary>An output that cannot be written where the user asked: a folder, a read-only place, a full disk, one of the
/// run's own inputs. <see cref="Path"/> is the path as the user wrote it, never a temporary's.</summary>
public sealed class OutputException(string path, MessageText reason) : IOException($"{path}: {reason}")
{
    public string Path { get; } = path;

    /// <summary>Why, in the reader's language; <see cref="Reason"/> is its English.</summary>
    public MessageText Text { get; } = reason;
    public string Reason => Text.ToString();

    public Diagnostic ToDiagnostic() => Diagnostic.Error(Text, SourceSpan.None(Path));
}

/// <summary>The outputs of one run, written all or none. Each file is written to a temporary file beside its target; only
/// when every one is complete are they renamed into place, and should a rename fail, those already renamed are put back as
/// they were (a file the user had is kept as a hard link until the end). Standard output (<c>-</c>) and other things that
/// are not regular files (<c>/dev/null</c>, a pipe someone reads) are written after the files, directly; a folder, a
/// socket, a block device, a FIFO nobody reads, or a file that is also an input of the run is refused before anything is
/// written. A file goes only into a folder that is there, or into one the run was told to write into (<see cref="MakesFolder"/>,
/// an <c>--out DIR</c>): a mistyped folder in <c>--json /nonexistent/dir/o.json</c> is refused, not made.
/// Disposing without <see cref="Commit"/> removes every temporary and every folder the set created.
/// An interrupted run (<see cref="AbortAll"/>) leaves nothing behind either.</summary>
public sealed class Outputs : IDisposable
{
    static readonly List<Outputs> Active = [];
    readonly TextWriter? _stdout;
    readonly List<Entry> _entries = [];
    readonly List<string> _createdFolders = [];
    readonly List<string> _madeFolders = [];
    readonly object _gate = new();
    bool _committed, _aborted;

    sealed class Entry(string user, string? target, bool direct, Action<Stream> write)
    {
        public string User { get; } = user;            // as the user wrote it: every message names this
        public string? Target { get; } = target;       // the file to replace; null for standard output
        public bool Direct { get; } = direct;          // written in place after the files (stdout, /dev/null, a pipe)
        public Action<Stream> Write { get; } = write;
        public string? Temp { get; set; }
        public string? Backup { get; set; }
        public bool Renamed { get; set; }
        public byte[]? Buffered { get; set; }
    }

    /// <param name="stdout">Where <c>-</c> goes: standard output (as bytes) when not given or <see cref="Console.Out"/>;
    /// another writer (a test's) gets the bytes as UTF-8 text.</param>
    public Outputs(TextWriter? stdout = null)
    {
        _stdout = stdout;
        lock (Active) Active.Add(this);
    }

    /// <summary>Declares a folder this run writes into and makes when it is not there, its parents too: the folder of an
    /// option documented as one (<c>--out DIR</c>). Files added later may go into it or below it.</summary>
    public void MakesFolder(string folder) =>
        _madeFolders.Add(System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(folder))); // `--out facts/` is the folder facts

    bool MayMake(string folder) => _madeFolders.Any(made => folder == made || folder.StartsWith(made.TrimEnd(System.IO.Path.DirectorySeparatorChar) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal));

    /// <summary>The paths added so far, as the user wrote them.</summary>
    public IEnumerable<string> Paths => _entries.Select(e => e.User);

    /// <summary>Adds an output; its target is checked now (a folder, a socket, an input of the run … throw
    /// <see cref="OutputException"/>), the content is rendered by <see cref="Commit"/>.</summary>
    public void Add(string path, Action<Stream> write)
    {
        if (path == "-")
        {
            _entries.Add(new Entry(path, null, direct: true, write));
            return;
        }
        if (_entries.Any(e => e.User == path || e.Target is not null && e.Target == System.IO.Path.GetFullPath(path)))
            throw new OutputException(path, Msg.OutNamedTwice.Text);
        var facts = FileFacts.Of(path);
        switch (facts.Kind)
        {
            case FileKind.LinkLoop:
                throw new OutputException(path, Msg.OutLinkLoop.Text);
            case FileKind.Directory:
                throw new OutputException(path, Msg.OutIsFolder.Text);
            case FileKind.Socket or FileKind.BlockDevice or FileKind.Other:
                throw new OutputException(path, Msg.OutNotRegular.With(FileFacts.Localized(facts.Kind)));
            case FileKind.CharDevice or FileKind.Fifo:
                // The user's own sink (/dev/null, /dev/stdout, a pipe from a process substitution): written in place, never replaced.
                _entries.Add(new Entry(path, System.IO.Path.GetFullPath(path), direct: true, write));
                return;
        }
        if (InputLedger.Current?.InputAt(facts) is { } input)
            throw new OutputException(path, Msg.OutAlsoInput.With(input));
        RefuseInsideInput(path);
        // A link is followed: the file it points to is replaced, the link stays.
        var target = facts.Kind == FileKind.Regular ? InputFiles.Resolve(path) ?? System.IO.Path.GetFullPath(path) : System.IO.Path.GetFullPath(path);
        if (facts.Kind == FileKind.Missing && FileFacts.Of(path, followLinks: false).Kind == FileKind.Link)
            throw new OutputException(path, Msg.OutDanglingLink.Text);
        var folder = System.IO.Path.GetDirectoryName(target)!;
        var folderKind = FileFacts.Of(folder).Kind;
        if (folderKind is not (FileKind.Directory or FileKind.Missing))
            throw new OutputException(path, Msg.OutFolderNotFolder.With(folder, FileFacts.Localized(folderKind)));
        if (folderKind == FileKind.Missing && !MayMake(folder))
            throw new OutputException(path, Msg.OutNoFolder.With(System.IO.Path.GetDirectoryName(path) is { Length: > 0 } given ? given : folder));
        _entries.Add(new Entry(path, target, direct: false, write));
    }

    /// <summary>An output is never written into a folder the run reads as a whole, or below it (<see cref="InputLedger.NoteFolder"/>).</summary>
    static void RefuseInsideInput(string path)
    {
        if (InputLedger.Current?.FolderHolding(path) is { } folder)
            throw new OutputException(path, Msg.OutInsideInput.With(folder));
    }

    /// <summary>The content an output of this set will have, rendered now, or null when <paramref name="path"/> is not one
    /// of its files: what a later output of the same run (an archive of the audit) reads before the files are in place.</summary>
    public byte[]? Pending(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (_entries.FirstOrDefault(e => e.Target is not null && !e.Direct && (e.User == path || e.Target == full)) is not { } entry) return null;
        using var memory = new MemoryStream();
        entry.Write(memory);
        return memory.ToArray();
    }

    /// <summary>Renders every output, then puts all of them in place or none. Throws <see cref="OutputException"/> naming
    /// the user's path when one cannot be written (the others are then not written either).</summary>
    public void Commit(CancellationToken cancel = default)
    {
        try
        {
            // Again now: a folder read after its output was added (the tree a snapshot walks) counts as well.
            foreach (var e in _entries.Where(e => !e.Direct)) RefuseInsideInput(e.User);
            foreach (var e in _entries)
            {
                cancel.ThrowIfCancellationRequested();
                Stage(e);
            }
            cancel.ThrowIfCancellationRequested();
            lock (_gate)
            {
                if (_aborted) throw new OperationCanceledException();
                Rename();
                _committed = true;
            }
            foreach (var e in _entries.Where(e => e.Direct)) WriteDirect(e);
        }
        finally
        {
            Cleanup();
        }
    }

    void Stage(Entry e)
    {
        if (e.Direct)
        {
            // Rendered now, so that a renderer's failure stops the run before anything is written anywhere.
            using var memory = new MemoryStream();
            e.Write(memory);
            e.Buffered = memory.ToArray();
            return;
        }
        var folder = System.IO.Path.GetDirectoryName(e.Target!)!;
        try
        {
            CreateFolder(folder);
            lock (_gate)
            {
                if (_aborted) throw new OperationCanceledException();
                e.Temp = System.IO.Path.Combine(folder, $".{System.IO.Path.GetFileName(e.Target)}.{Guid.NewGuid():N}.tmp");
            }
            using (var stream = new FileStream(e.Temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                e.Write(stream);
                stream.Flush(flushToDisk: true);
            }
            if (OperatingSystem.IsLinux() && FileFacts.Of(e.Target!) is { Kind: FileKind.Regular } old)
                File.SetUnixFileMode(e.Temp, (UnixFileMode)old.Mode);
        }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException && x is not OutputException)
        {
            throw new OutputException(e.User, Describe(x));
        }
    }

    void CreateFolder(string folder)
    {
        if (FileFacts.Of(folder).Kind == FileKind.Directory) return;
        var parent = System.IO.Path.GetDirectoryName(folder);
        if (parent is not null && parent != folder) CreateFolder(parent);
        Directory.CreateDirectory(folder);
        _createdFolders.Add(folder);
    }

    void Rename()
    {
        var staged = _entries.Where(e => !e.Direct).ToList();
        try
        {
            foreach (var e in staged)
            {
                if (FileFacts.Of(e.Target!).Kind == FileKind.Regular)
                {
                    e.Backup = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(e.Target!)!, $".{System.IO.Path.GetFileName(e.Target)}.{Guid.NewGuid():N}.bak");
                    if (!HardLink(e.Target!, e.Backup)) e.Backup = null;
                }
                File.Move(e.Temp!, e.Target!, overwrite: true);
                e.Renamed = true;
                e.Temp = null;
            }
        }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException)
        {
            // Put back what was replaced: all or none.
            foreach (var e in staged.Where(e => e.Renamed))
            {
                try
                {
                    if (e.Backup is not null) File.Move(e.Backup, e.Target!, overwrite: true);
                    else File.Delete(e.Target!);
                    e.Backup = null;
                }
                catch (Exception y) when (y is IOException or UnauthorizedAccessException) { /* best effort; the failure is reported below */ }
            }
            var failed = staged.First(e => !e.Renamed);
            throw new OutputException(failed.User, Describe(x));
        }
    }

    void WriteDirect(Entry e)
    {
        try
        {
            if (e.Target is null)
            {
                if (_stdout is null || ReferenceEquals(_stdout, Console.Out))
                {
                    Console.Out.Flush();
                    using var raw = Console.OpenStandardOutput();
                    raw.Write(e.Buffered!);
                    raw.Flush();
                }
                else _stdout.Write(System.Text.Encoding.UTF8.GetString(e.Buffered!));
                return;
            }
            Stream stream;
            if (OperatingSystem.IsLinux())
            {
                var (handle, errno) = Unix.Open(e.Target, write: true);
                if (handle is null)
                    throw new OutputException(e.User, errno == Unix.ENxio ? Msg.OutFifoNoReader.Text : Msg.OutErrno.With(errno));
                stream = new FileStream(handle, FileAccess.Write, 0);
            }
            else stream = new FileStream(e.Target, FileMode.Open, FileAccess.Write);
            using (stream) stream.Write(e.Buffered!);
        }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException && x is not OutputException)
        {
            throw new OutputException(e.User, Describe(x));
        }
    }

    static MessageText Describe(Exception x) => Msg.OutFailed.With(Reason(x));

    static ILocalized Reason(Exception x)
    {
        // The BCL names the temporary; the user knows only their path. Keep the reason, drop the path.
        var message = x.Message;
        var quote = message.IndexOf(" '/", StringComparison.Ordinal);
        if (quote >= 0 && message.IndexOf('\'', quote + 2) is var end and > 0) message = message[..quote] + message[(end + 1)..];
        if (x is UnauthorizedAccessException) return Msg.OutDenied.Text;
        if (message.Contains("No space left", StringComparison.Ordinal) || x.HResult == 28) return Msg.OutNoSpace.Text;
        if (message.Contains("Read-only file system", StringComparison.Ordinal)) return Msg.OutReadOnly.Text;
        return LibraryError.Io(x, message.TrimEnd('.'));
    }

    /// <summary>Removes temporaries, backups and the folders this set created (when it did not commit, or after).</summary>
    void Cleanup()
    {
        lock (_gate)
        {
            foreach (var e in _entries)
            {
                TryDelete(e.Temp);
                e.Temp = null;
                if (e.Backup is not null) TryDelete(e.Backup);
                e.Backup = null;
            }
            if (!_committed)
                foreach (var folder in Enumerable.Reverse(_createdFolders))
                    try { if (!Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder); }
                    catch (Exception x) when (x is IOException or UnauthorizedAccessException) { }
        }
    }

    static void TryDelete(string? path)
    {
        if (path is null) return;
        try { File.Delete(path); }
        catch (Exception x) when (x is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Stops every set of outputs in flight (an interrupted run): no temporary is left, nothing more is renamed.
    /// A set in the middle of its renames finishes them first, so its files are whole.</summary>
    public static void AbortAll()
    {
        Outputs[] sets;
        lock (Active) sets = [.. Active];
        foreach (var set in sets)
        {
            lock (set._gate) set._aborted = true;
            set.Cleanup();
        }
    }

    public void Dispose()
    {
        Cleanup();
        lock (Active) Active.Remove(this);
    }

    [DllImport("libc", SetLastError = true, EntryPoint = "link")]
    static extern int Link([MarshalAs(UnmanagedType.LPUTF8Str)] string from, [MarshalAs(UnmanagedType.LPUTF8Str)] string to);

    static bool HardLink(string from, string to) => OperatingSystem.IsLinux() && Link(from, to) == 0;
}
