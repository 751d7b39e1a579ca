using Iq.Rules.Io;

namespace Iq.Scoring.Reports;

/// <summary>One output written through <see cref="Outputs"/>: a temporary file beside it and a rename, so an interrupted or
/// failed run never leaves a half-written report where the user expects one. Several outputs of one run go through one
/// <see cref="Outputs"/>, so that all appear or none.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        using var outputs = new Outputs();
        outputs.Add(path, write);
        outputs.Commit();
    }
}
