namespace Iq.Engine.Model;

/// <summary>Where a path one file names for another stays: in the naming file's folder, or out of it.</summary>
public enum Containment
{
    /// <summary>In the folder (or below it).</summary>
    Inside,
    /// <summary>Absolute, or its <c>..</c> leads out of the folder.</summary>
    Leaves,
    /// <summary>In the folder by name, but a link there points out of it.</summary>
    LinkLeaves,
}

/// <summary>The one rule for a file that names another beside it (an ONNX model's external data, a model description's
/// training manifest and training log): the named file must lie in the naming file's folder. A file that could name
/// <c>/etc/shadow</c> or <c>../other-vendor/data</c> would have iq read, hash and report whatever it points at.</summary>
public static class FolderContainment
{
    /// <summary>Where <paramref name="relative"/>, named by a file in <paramref name="folder"/>, stays, and its full path.</summary>
    public static (Containment Where, string Full) Resolve(string folder, string relative)
    {
        folder = Path.GetFullPath(folder);
        var root = folder.TrimEnd('/') + "/";
        var full = Path.GetFullPath(Path.Combine(folder, relative));
        if (Path.IsPathRooted(relative) || !full.StartsWith(root, StringComparison.Ordinal)) return (Containment.Leaves, full);
        var file = new FileInfo(full);
        // A link's target is relative to the link's own folder.
        if ((file.Attributes & FileAttributes.ReparsePoint) != 0 && file.Exists && file.LinkTarget is { } target
            && !Path.GetFullPath(target, Path.GetDirectoryName(full)!).StartsWith(root, StringComparison.Ordinal))
            return (Containment.LinkLeaves, full);
        return (Containment.Inside, full);
    }
}
