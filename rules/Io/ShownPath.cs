namespace Iq.Rules.Io;

/// <summary>How a results file and every report name a file or folder the user gave (a bundle, a judgment file): results
/// leave the lab (to a vendor, a regulator), and an absolute path tells them the lab's own layout (home folders, share
/// names, case numbers in folder names). A relative path that stays below the working folder is named as given, the way
/// the user wrote it (and <c>iq archive results.json</c> run from there finds it again); an absolute one, or one that
/// climbs out (<c>..</c>), is named by its own name only (<c>/srv/lab/2026-117/bundle</c> is <c>bundle</c>). A bundle's
/// documents are then named under that name (<c>bundle/plan.json</c>). Diagnostics of the run itself name files as given:
/// they are the user's, on the user's screen.</summary>
public static class ShownPath
{
    /// <summary>The name reports give <paramref name="given"/>, with <c>/</c> as separator.</summary>
    public static string Of(string given)
    {
        var slashed = given.Replace('\\', '/');
        if (!Path.IsPathRooted(given) && !slashed.Split('/').Contains("..")) return slashed;
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(given)));
        // The root itself has no name of its own.
        return name.Length == 0 ? "." : name;
    }

    /// <summary>The name reports give the file <paramref name="name"/> of the folder <paramref name="folder"/>.</summary>
    public static string InFolder(string folder, string name) => Path.Combine(Of(folder), name).Replace('\\', '/');
}
