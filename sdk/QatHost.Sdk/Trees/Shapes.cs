namespace QatHost.Sdk.Trees;

/// <summary>Shape formatting and comparison in Rockpool's (Python tuple) notation.</summary>
public static class Shapes
{
    /// <summary>Formats a shape as a Python tuple: <c>()</c>, <c>(5,)</c>, <c>(3, 5)</c>.</summary>
    public static string Format(IReadOnlyList<long> shape) => shape.Count switch
    {
        0 => "()",
        1 => $"({shape[0]},)",
        _ => "(" + string.Join(", ", shape) + ")",
    };

    /// <summary>True when both shapes have the same dimensions.</summary>
    public static bool Equal(IReadOnlyList<long> a, IReadOnlyList<long> b) => a.SequenceEqual(b);

    /// <summary>The number of elements of a shape (1 for the scalar shape <c>()</c>).</summary>
    public static long Count(IReadOnlyList<long> shape) => shape.Aggregate(1L, (n, d) => n * d);
}
