namespace Iq.Cli;

/// <summary>Where the checklists shipped with the tool are: beside the executable.</summary>
static class Bundled
{
    public static string ChecklistsDirectory => Path.Combine(AppContext.BaseDirectory, "checklists");
    public static string DefaultChecklist => Path.Combine(ChecklistsDirectory, "gbt-aimd-iq.iq");
}
