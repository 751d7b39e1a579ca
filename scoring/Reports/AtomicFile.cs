namespace Iq.Scoring.Reports;

/// <summary>Writes a file through a temporary file beside it and a rename, so an interrupted or failed
/// run never leaves a half-written report where the user expects one.</summary>
public static class AtomicFile
{
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> InFlight = new();

    /// <summary>Deletes the temporary files of writes still in progress (the process is about to exit on a signal).</summary>
    public static void AbandonAll()
    {
        foreach (var temp in InFlight.Keys)
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public static void Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        InFlight[temp] = 0;
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            InFlight.TryRemove(temp, out _);
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
