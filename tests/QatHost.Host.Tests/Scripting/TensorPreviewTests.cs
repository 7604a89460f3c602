using QatHost.Scripting;
using static TorchSharp.torch;

namespace QatHost.Host.Tests.Scripting;

/// <summary>Issue 12.6: Print shows 0 for negative zeros, bools as true/false, uint8 by NumPy's name, and
/// elides only long dimensions.</summary>
public class TensorPreviewTests
{
    [Fact]
    public void A_negative_zero_prints_as_0()
    {
        ValueFormatter.Format(tensor(new[] { -0f, 1f, -2f })).ShouldBe("tensor float32 (3,)\n[0, 1, -2]");
    }

    [Fact]
    public void Bools_print_as_true_and_false()
    {
        ValueFormatter.Format(tensor(new[] { 1f, 0f, 3f }) > 0.5).ShouldBe("tensor bool (3,)\n[true, false, true]");
    }

    [Fact]
    public void Uint8_is_named_as_numpy_names_it()
    {
        ValueFormatter.Format(tensor(new byte[] { 0, 255 })).ShouldBe("tensor uint8 (2,)\n[0, 255]");
        var tree = new QatHost.Sdk.Trees.TensorTree();
        tree.Set("mask", tensor(new byte[] { 1 }));
        tree.ToString().ShouldBe("mask: uint8 (1,)");
    }

    [Fact]
    public void Ten_rows_print_whole_and_only_dimensions_longer_than_twenty_are_elided()
    {
        string ten = ValueFormatter.Format(arange(10, ScalarType.Float32).reshape(1, 10, 1));
        string twenty = ValueFormatter.Format(arange(20, ScalarType.Float32));
        string long21 = ValueFormatter.Format(arange(21, ScalarType.Float32));

        ten.ShouldNotContain("...");
        ten.Split('\n').Length.ShouldBe(11);
        twenty.ShouldBe("tensor float32 (20,)\n[" + string.Join(", ", Enumerable.Range(0, 20)) + "]");
        long21.ShouldBe("tensor float32 (21,)\n[0, 1, 2, ..., 18, 19, 20]");
    }

    [Fact]
    public void A_large_tensor_is_cut_in_every_long_dimension_as_numpy_does()
    {
        string text = ValueFormatter.Format(zeros(1, 100, 16));

        text.Split('\n').Length.ShouldBe(1 + 7);
        text.ShouldContain("[0, 0, 0, ..., 0, 0, 0]");
    }
}
