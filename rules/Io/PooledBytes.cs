namespace Iq.Rules.Io;

/// <summary>A file's bytes in an array that may be rented from the shared pool (<see cref="InputFiles.ReadPooled"/>): the
/// first <see cref="Length"/> bytes are the file's. Disposing gives the array back; nothing may keep it or a slice of it.</summary>
public sealed class PooledBytes(byte[] array, int length, bool pooled) : IDisposable
{
    byte[]? _array = array;

    public int Length => length;

    public ReadOnlyMemory<byte> Memory => (_array ?? throw new ObjectDisposedException(nameof(PooledBytes))).AsMemory(0, length);

    public void Dispose()
    {
        var rented = _array;
        _array = null;
        if (pooled && rented is not null) System.Buffers.ArrayPool<byte>.Shared.Return(rented);
    }
}
