using System.Runtime.InteropServices;

namespace QatHost.Sdk.Engine;

/// <summary>How glibc's allocator, which LibTorch's CPU tensors come from, treats freed tensor memory.</summary>
/// <remarks>By default glibc serves buffers above its (adaptive) mmap threshold with fresh pages, and returns free
/// memory at the top of the heap to the system once it exceeds the trim threshold. A training batch allocates and
/// frees the same few trace-sized buffers every time, so the pages went back and were faulted in again on the next
/// batch: about 300 page faults per MNIST-rows batch with recurrence, 1-3 ms on this machine's VM. Keeping freed memory
/// for reuse trades that for a resident set that stays at its high-water mark, as PyTorch's caching allocators do.</remarks>
internal static class NativeHeap
{
    private const int TrimThreshold = -1, MmapThreshold = -3;   // mallopt parameters (malloc.h)
    private static int kept;

    /// <summary>Serves buffers up to 32 MB from the heap and keeps up to 1 GB of freed memory for reuse (once per
    /// process; glibc on Linux only, a no-op elsewhere).</summary>
    public static void KeepFreedMemory()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref kept, 1) == 1) return;
        try
        {
            MallOpt(MmapThreshold, 32 << 20);
            MallOpt(TrimThreshold, 1 << 30);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (e.g. musl): its allocator keeps its own policy.
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int MallOpt(int parameter, int value);
}
