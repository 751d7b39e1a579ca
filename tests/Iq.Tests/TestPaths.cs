namespace Iq.Tests;

/// <summary>Where test data and the repository are, from the test binary's folder.</summary>
static class TestPaths
{
    public static string Cases => Path.Combine(AppContext.BaseDirectory, "Cases");
    public static string Case(string name) => Path.Combine(Cases, name);

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Iq.Rules.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
        }
    }

    public static string Checklists => Path.Combine(RepoRoot, "checklists");
}
