using static TorchSharp.torch;

namespace QatHost.Sdk.Engine;

/// <summary>
/// A constructor value for a module parameter: a number (<c>tauMem: 20e-3</c>), an array, or a tensor of
/// one of the parameter's permitted shapes. A number gives a scalar parameter of shape <c>()</c>, as in
/// Rockpool; an array or tensor with the right element count but another shape is reshaped (spec 1.1).
/// </summary>
public readonly struct ParamInit
{
    private ParamInit(Tensor value) => Value = value;

    /// <summary>The value as a float32 tensor.</summary>
    public Tensor Value { get; }

    /// <summary>A scalar value.</summary>
    public static implicit operator ParamInit(double value) => new(tensor((float)value));

    /// <summary>A one-dimensional value.</summary>
    public static implicit operator ParamInit(float[] values) => new(tensor(values));

    /// <summary>A one-dimensional value.</summary>
    public static implicit operator ParamInit(double[] values) => new(tensor(values.Select(v => (float)v).ToArray()));

    /// <summary>A tensor value (copied, as float32).</summary>
    public static implicit operator ParamInit(Tensor value) =>
        new((value ?? throw new ArgumentNullException(nameof(value), "A parameter value tensor is null; omit the argument to use the default."))
            .detach().to_type(ScalarType.Float32));

    /// <summary>
    /// Fits the value to the first permitted shape it equals, else reshapes it to the first permitted shape
    /// with the same element count (Rockpool's rule), else throws naming the module and argument.
    /// </summary>
    internal Tensor Fit(string module, string argument, params long[][] permitted)
    {
        var value = Value;
        var shape = value.shape;
        if (permitted.Any(p => p.SequenceEqual(shape))) return value;
        var sameSize = permitted.FirstOrDefault(p => Trees.Shapes.Count(p) == value.numel());
        if (sameSize is not null) return value.reshape(sameSize);
        throw new QatHostException(
            $"{module}: argument {argument} has shape {Trees.Shapes.Format(shape)}; permitted shapes are " +
            string.Join(" or ", permitted.Select(p => Trees.Shapes.Format(p))) + ".");
    }
}
