namespace Iq.Rules.Io;

/// <summary>Every entry of a folder tree that is not a folder (files, links, FIFOs, devices), found without following a
/// link: a link to a folder is an entry, never a way out of the tree or into a loop. Iterative, so depth costs no stack.</summary>
public static class TreeWalker
{
    public sealed record Entry(string Path, string Relative, FileFacts Facts);

    public static IEnumerable<Entry> Entries(string root, CancellationToken cancel = default)
    {
        if (InputFiles.FolderRefusal(root) is { } refusal) throw refusal;
        InputLedger.NoteFolder(root);
        var pending = new Stack<string>();
        pending.Push(root);
        var options = new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = false, ReturnSpecialDirectories = false };
        while (pending.Count > 0)
        {
            cancel.ThrowIfCancellationRequested();
            var dir = pending.Pop();
            List<string> names;
            try { names = Directory.EnumerateFileSystemEntries(dir, "*", options).Order(StringComparer.Ordinal).ToList(); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputFileException(dir, Iq.Rules.Messages.Msg.FolderCannotRead.With(Iq.Rules.Messages.LibraryError.Io(e)));
            }
            var folders = new List<string>();
            foreach (var path in names)
            {
                var facts = FileFacts.Of(path, followLinks: false);
                if (facts.Kind == FileKind.Directory) folders.Add(path);
                else yield return new Entry(path, System.IO.Path.GetRelativePath(root, path).Replace('\\', '/'), facts);
            }
            for (var i = folders.Count - 1; i >= 0; i--) pending.Push(folders[i]);
        }
    }
}
