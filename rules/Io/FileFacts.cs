using System.Runtime.InteropServices;

namespace Iq.Rules.Io;

/// <summary>What a path is, as the kernel says: the BCL cannot tell a FIFO or a device from a file, and opening a FIFO
/// to find out blocks until someone writes to it.</summary>
public enum FileKind { Missing, Regular, Directory, Fifo, CharDevice, BlockDevice, Socket, Link, LinkLoop, Other }

/// <summary>One <c>stat</c> of a path or an open handle: kind, size, permission bits, owner and identity (device, inode).</summary>
public readonly record struct FileFacts(FileKind Kind, long Size, int Mode, uint Owner, ulong Device, ulong Inode)
{
    public static readonly FileFacts Missing = new(FileKind.Missing, 0, 0, 0, 0, 0);

    public bool Exists => Kind is not (FileKind.Missing or FileKind.LinkLoop);

    /// <summary>The same file (device and inode), so that an output never overwrites one of the run's inputs.</summary>
    public bool SameFileAs(FileFacts other) => Exists && other.Exists && Inode != 0 && Device == other.Device && Inode == other.Inode;

    /// <summary>"a FIFO", "a character device" …: what the user gave, in a message.</summary>
    /// <summary>What the path is, in the reader's language.</summary>
    public static Messages.MessageText Localized(FileKind kind) => (kind switch
    {
        FileKind.Regular => Messages.Msg.KindRegular,
        FileKind.Directory => Messages.Msg.KindFolder,
        FileKind.Fifo => Messages.Msg.KindFifo,
        FileKind.CharDevice => Messages.Msg.KindCharDevice,
        FileKind.BlockDevice => Messages.Msg.KindBlockDevice,
        FileKind.Socket => Messages.Msg.KindSocket,
        FileKind.Link => Messages.Msg.KindLink,
        FileKind.LinkLoop => Messages.Msg.KindLinkLoop,
        FileKind.Missing => Messages.Msg.KindMissing,
        _ => Messages.Msg.KindOther,
    }).Text;

    public static string Describe(FileKind kind) => kind switch
    {
        FileKind.Regular => "a regular file",
        FileKind.Directory => "a folder",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Link => "a symbolic link",
        FileKind.LinkLoop => "a loop of symbolic links",
        FileKind.Missing => "missing",
        _ => "not a regular file",
    };

    /// <summary>The path's facts, following links (<paramref name="followLinks"/>) or not. A link loop is
    /// <see cref="FileKind.LinkLoop"/>, a missing path or one under a missing folder <see cref="FileKind.Missing"/>.</summary>
    public static FileFacts Of(string path, bool followLinks = true)
    {
        if (OperatingSystem.IsLinux()) return Unix.Stat(path, followLinks);
        // Elsewhere the BCL's view: regular file or folder (no FIFOs or devices to fear on Windows paths).
        var info = new FileInfo(path);
        if (!followLinks && info.LinkTarget is not null) return new FileFacts(FileKind.Link, 0, 0, 0, 0, 0);
        if (info.Exists) return new FileFacts(FileKind.Regular, info.Length, 0, 0, 0, 0);
        return Directory.Exists(path) ? new FileFacts(FileKind.Directory, 0, 0, 0, 0, 0) : Missing;
    }

    /// <summary>The facts of an open handle (after opening, so that a path swapped between the check and the open is seen).</summary>
    public static FileFacts Of(Microsoft.Win32.SafeHandles.SafeFileHandle handle) =>
        OperatingSystem.IsLinux() ? Unix.Stat(handle) : new FileFacts(FileKind.Regular, RandomAccess.GetLength(handle), 0, 0, 0, 0);
}

/// <summary>File names that are not UTF-8. .NET decodes a folder's entries as UTF-8, putting U+FFFD for bytes that are not;
/// such a name opens nothing, so the raw name is read back from the folder (Linux <c>readdir</c>) to show its bytes.</summary>
public static class FileNames
{
    /// <summary>The path with the invalid bytes of its file name escaped (<c>b/\xFF.json</c>), when the name is one that
    /// came from a folder listing of a name that is not UTF-8; null otherwise (the path holds no U+FFFD, or no entry of
    /// its folder decodes to that name).</summary>
    public static string? NotUtf8(string path)
    {
        if (!path.Contains('\uFFFD', StringComparison.Ordinal)) return null;
        var name = Path.GetFileName(path);
        var folder = Path.GetDirectoryName(path);
        var raw = OperatingSystem.IsLinux() && Environment.Is64BitProcess
            ? Unix.RawNames(string.IsNullOrEmpty(folder) ? "." : folder).FirstOrDefault(n => !System.Text.Unicode.Utf8.IsValid(n) && System.Text.Encoding.UTF8.GetString(n) == name)
            : null;
        if (raw is null) return null;
        var escaped = Escape(raw);
        return string.IsNullOrEmpty(folder) ? escaped : folder.TrimEnd('/') + "/" + escaped;
    }

    /// <summary>UTF-8 text as it is, each byte of an invalid sequence as <c>\xNN</c> (a backslash itself as <c>\\</c>, so
    /// that the escaped form is never ambiguous).</summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var sb = new System.Text.StringBuilder();
        while (!bytes.IsEmpty)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes, out var rune, out var used) == System.Buffers.OperationStatus.Done)
                sb.Append(rune.Value == '\\' ? "\\\\" : rune.ToString());
            else
                foreach (var b in bytes[..used]) sb.Append("\\x").Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            bytes = bytes[used..];
        }
        return sb.ToString();
    }
}

/// <summary>The few Linux calls the BCL lacks: <c>statx</c> (its layout is the same on every architecture, unlike
/// <c>struct stat</c>), <c>open</c> with <c>O_NONBLOCK</c> (so that a FIFO never blocks the open) and <c>geteuid</c>.</summary>
static class Unix
{
    const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, AtEmptyPath = 0x1000;
    const uint StatxBasicStats = 0x7ff;
    public const int ONonBlock = 0x800, OCloExec = 0x80000, OWrOnly = 1, ORdOnly = 0;
    /// <summary>O_NOFOLLOW: its value differs between the kernel's architectures (asm-generic's on x86, 0100000 on ARM).</summary>
    public static int ONoFollow => RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;
    const int FGetFl = 3, FSetFl = 4;
    public const int ENoEnt = 2, ENxio = 6, EAccess = 13, ENotDir = 20, ELoop = 40, ERofs = 30;

    [DllImport("libc", SetLastError = true, EntryPoint = "statx")]
    static extern int StatX(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", SetLastError = true, EntryPoint = "open")]
    static extern int OpenRaw([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", SetLastError = true, EntryPoint = "fcntl")]
    static extern int Fcntl(int fd, int command, int argument);

    [DllImport("libc", EntryPoint = "geteuid")]
    public static extern uint GetEuid();

    [DllImport("libc", SetLastError = true, EntryPoint = "opendir")]
    static extern IntPtr OpenDir([MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport("libc", SetLastError = true, EntryPoint = "readdir")]
    static extern IntPtr ReadDir(IntPtr dir);

    [DllImport("libc", EntryPoint = "closedir")]
    static extern int CloseDir(IntPtr dir);

    /// <summary>offsetof(struct dirent, d_name) on 64-bit Linux (glibc and musl): d_ino 8, d_off 8, d_reclen 2, d_type 1.</summary>
    const int DirentName = 19;

    /// <summary>The raw names of a folder's entries (no decoding); empty when the folder cannot be opened.</summary>
    public static List<byte[]> RawNames(string folder)
    {
        var names = new List<byte[]>();
        var dir = OpenDir(folder);
        if (dir == IntPtr.Zero) return names;
        try
        {
            for (var entry = ReadDir(dir); entry != IntPtr.Zero; entry = ReadDir(dir))
            {
                var start = entry + DirentName;
                var length = 0;
                while (length < 256 && Marshal.ReadByte(start, length) != 0) length++;
                var name = new byte[length];
                Marshal.Copy(start, name, 0, length);
                names.Add(name);
            }
        }
        finally { CloseDir(dir); }
        return names;
    }

    public static FileFacts Stat(string path, bool followLinks)
    {
        var buffer = new byte[256];
        if (StatX(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == ELoop ? FileFacts.Missing with { Kind = FileKind.LinkLoop } : FileFacts.Missing;
        }
        return Parse(buffer);
    }

    public static FileFacts Stat(Microsoft.Win32.SafeHandles.SafeFileHandle handle)
    {
        var buffer = new byte[256];
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            if (StatX((int)handle.DangerousGetHandle(), "", AtEmptyPath, StatxBasicStats, buffer) != 0) return FileFacts.Missing;
        }
        finally { if (added) handle.DangerousRelease(); }
        return Parse(buffer);
    }

    static FileFacts Parse(byte[] b)
    {
        var mode = BitConverter.ToUInt16(b, 0x1C);
        var kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0x1000 => FileKind.Fifo,
            0x2000 => FileKind.CharDevice,
            0x6000 => FileKind.BlockDevice,
            0xC000 => FileKind.Socket,
            0xA000 => FileKind.Link,
            _ => FileKind.Other,
        };
        var device = ((ulong)BitConverter.ToUInt32(b, 0x88) << 32) | BitConverter.ToUInt32(b, 0x8C);
        return new FileFacts(kind, (long)BitConverter.ToUInt64(b, 0x28), mode & 0xFFF, BitConverter.ToUInt32(b, 0x14), device, BitConverter.ToUInt64(b, 0x20));
    }

    /// <summary>Opens without blocking (a FIFO with no writer, or for writing with no reader, does not hang); the handle
    /// is then switched back to blocking, as ordinary reads and writes expect. Returns the errno on failure.</summary>
    /// <param name="noFollow">Refuse a path that is itself a symbolic link (ELOOP), in the open itself (O_NOFOLLOW): a link
    /// swapped in after any check made before the open is refused all the same.</param>
    public static (Microsoft.Win32.SafeHandles.SafeFileHandle? Handle, int Errno) Open(string path, bool write, bool noFollow = false)
    {
        var fd = OpenRaw(path, (write ? OWrOnly : ORdOnly) | ONonBlock | OCloExec | (noFollow ? ONoFollow : 0));
        if (fd < 0) return (null, Marshal.GetLastPInvokeError());
        var handle = new Microsoft.Win32.SafeHandles.SafeFileHandle(fd, ownsHandle: true);
        var flags = Fcntl(fd, FGetFl, 0);
        if (flags >= 0) Fcntl(fd, FSetFl, flags & ~ONonBlock);
        return (handle, 0);
    }
}
