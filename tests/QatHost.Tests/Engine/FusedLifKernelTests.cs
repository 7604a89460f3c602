using QatHost.Tests.Training;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using QatHost.Sdk.Transforms;
using QatHost.Tests.Oracle;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>The fused LIF kernel against the op-by-op reference on random configurations: spike counts equal,
/// traces, states and every gradient (through outputs and records) within float tolerance.</summary>
[Collection(nameof(SerialCollection))]
public class FusedLifKernelTests
{
    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Fused_and_reference_kernels_agree_on_a_random_configuration(int seed)
    {
        using var scope = NewDisposeScope();
        var config = LifConfiguration.Random(seed);
        var fused = config.Build(LifKernel.Fused);
        var reference = config.Build(LifKernel.Reference);

        for (int call = 0; call < 2; call++)
        {
            var (input, weights) = config.Drive(seed * 10 + call);
            var f = Evolve(fused, input, weights, config.NoiseStd > 0 ? seed : null);
            var r = Evolve(reference, input, weights, config.NoiseStd > 0 ? seed : null);

            Compare($"{config} call {call}", f, r, fused, reference);
        }
    }

    [Theory]
    [InlineData(LeakMode.Taus)]
    [InlineData(LeakMode.Decays)]
    [InlineData(LeakMode.Bitshifts)]
    public void Gradients_reach_raw_parameters_through_parameter_transforms_on_both_kernels(LeakMode mode)
    {
        using var scope = NewDisposeScope();
        var config = LifConfiguration.Random(7) with { Mode = mode, Recurrent = true };
        var fused = new TWrapper(config.Build(LifKernel.Fused));
        var reference = new TWrapper(config.Build(LifKernel.Reference));
        foreach (var wrapper in new[] { fused, reference })
        {
            var (mem, _) = mode.ParameterNames();
            wrapper.Add(mem, new Scale(1.25));
            wrapper.Add("threshold", new Scale(0.8));
            wrapper.Add("w_rec", new Scale(0.5));
        }
        var (input, weights) = config.Drive(3);

        var f = Evolve(fused, input, weights, null);
        var r = Evolve(reference, input, weights, null);

        Compare($"{config} wrapped", f, r, fused, reference);
    }

    /// <summary>The recurrent product and <c>dw_rec</c> are gathered over the neurons that fired while few did
    /// (<see cref="SpikeProducts"/>), and dense products otherwise: both paths against the reference, at an activity
    /// below and above <see cref="SpikeProducts.MaxDensity"/>, with 150 neurons (not a multiple of the vector blocks).</summary>
    [Theory]
    [InlineData(0.02, 0.2, false)]
    [InlineData(6.0, 1.0, true)]
    public void Sparse_and_dense_recurrent_products_agree_with_the_reference(double drive, double recurrentScale, bool dense)
    {
        using var scope = NewDisposeScope();
        Module Build(LifKernel kernel)
        {
            manual_seed(5);
            var lif = QatHost.Sdk.Dsl.Builders.LIFTorch(150, hasRec: true, maxSpikesPerDt: 3);
            lif.Kernel = kernel;
            using (no_grad())
                foreach (var weight in lif.Parameters("weights").Leaves()) weight.Leaf.mul_(recurrentScale);
            return lif;
        }
        var fused = Build(LifKernel.Fused);
        var reference = Build(LifKernel.Reference);
        manual_seed(11);
        var input = rand(16, 30, 150) * drive;
        Tensor[] weights = [randn(16, 30, 150), randn(16, 30, 150), randn(16, 30, 150, 1), randn(16, 30, 150, 1)];

        var f = Evolve(fused, input, weights, null);
        var r = Evolve(reference, input, weights, null);

        double activity = f.Output.count_nonzero().item<long>() / (double)f.Output.numel();
        activity.ShouldBeGreaterThan(0.01, "the layer must fire for the products to matter");
        (activity > SpikeProducts.MaxDensity).ShouldBe(dense, $"activity {activity:F3} should exercise the {(dense ? "dense" : "sparse")} path");
        Compare($"drive {drive}", f, r, fused, reference);
    }

    [Fact]
    public void A_gathered_spike_product_equals_the_dense_product()
    {
        using var scope = NewDisposeScope();
        manual_seed(3);
        foreach (var (n, c) in new[] { (5, 7), (100, 300), (150, 150) })
        {
            var spikes = (rand(4, n) < 0.2).to_type(ScalarType.Float32) * randint(1, 4, new long[] { 4, n }).to_type(ScalarType.Float32);
            var w = randn(n, c);
            var dense = spikes.mm(w);
            float[] s = spikes.data<float>().ToArray(), weights = w.data<float>().ToArray(), gathered = new float[4 * c];
            for (int b = 0; b < 4; b++) SpikeProducts.Multiply(s.AsSpan(b * n, n), weights, gathered.AsSpan(b * c, c));
            OracleAssert.Close($"({n}, {c})", tensor(gathered).view(4, c), dense, 1e-5, 1e-5);
            SpikeProducts.CountNonZero(s).ShouldBe((int)spikes.count_nonzero().item<long>());
        }
    }

    private sealed record Run(Tensor Output, Dictionary<string, Tensor> Record, Dictionary<string, Tensor> State, Tensor InputGrad);

    private static Run Evolve(Module module, Tensor input, Tensor[] weights, int? noiseSeed)
    {
        foreach (var p in module.TrainableParameters()) p.grad?.zero_();
        var x = input.detach().clone().requires_grad_(true);
        if (noiseSeed is { } s) manual_seed(s);
        var (output, state, record) = module.Evolve(x, record: true);
        // A loss on the output and on every recorded trace, so that each output of the kernel carries a gradient.
        var loss = (output * weights[0]).sum() + (record["vmem"] * weights[1]).sum()
            + (record["isyn"] * weights[2]).sum() + (record["irec"] * weights[3]).sum();
        loss.backward();
        return new Run(output.detach(), record.Leaves().ToDictionary(l => l.Path, l => l.Leaf.detach()),
            state.Leaves().ToDictionary(l => l.Path, l => l.Leaf.detach().clone()), x.grad!.clone());
    }

    private static void Compare(string at, Run f, Run r, Module fused, Module reference)
    {
        OracleAssert.Exact($"{at} spikes", f.Output, r.Output);
        foreach (var (path, value) in r.Record)
            OracleAssert.Close($"{at} record {path}", f.Record[path], value, 1e-5, 1e-5);
        foreach (var (path, value) in r.State)
            OracleAssert.Close($"{at} state {path}", f.State[path], value, 1e-5, 1e-5);
        OracleAssert.Close($"{at} d input", f.InputGrad, r.InputGrad, 1e-4, 1e-4);
        var fusedParameters = fused.TrainableParameters().ToList();
        var referenceParameters = reference.TrainableParameters().ToList();
        for (int k = 0; k < referenceParameters.Count; k++)
        {
            referenceParameters[k].grad.ShouldNotBeNull($"{at}: reference parameter {k} has no gradient");
            fusedParameters[k].grad.ShouldNotBeNull($"{at}: fused parameter {k} has no gradient");
            OracleAssert.Close($"{at} d parameter {k}", fusedParameters[k].grad!, referenceParameters[k].grad!, 1e-4, 1e-4);
        }
    }

    /// <summary>A differentiable parameter transform: multiplies by a constant.</summary>
    private sealed class Scale(double factor) : Transform($"Scale({factor})")
    {
        public override Tensor Forward(Tensor value, TransformContext context) => value * factor;
    }
}
