using Iq.Rules.Io;

namespace Iq.Engine.Facts;

/// <summary>The line and column of a JSON path in a document (<see cref="JsonPositions"/>, shared with the readers in
/// Iq.Scoring).</summary>
static class JsonLocator
{
    public static (int Line, int Column) Find(byte[] json, string path, bool name = false) => JsonPositions.Find(json, path, name);

    public static (int Line, int Column) Position(byte[] json, int offset) => JsonPositions.Position(json, offset);
}
