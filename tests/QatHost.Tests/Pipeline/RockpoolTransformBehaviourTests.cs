using QatHost.Tests.Training;
using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using QatHost.Transforms;
using TorchSharp;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Tests.Pipeline;

/// <summary>Rockpool's own transform-pipeline tests (spec 9, items 2-5 and 11) mirrored, plus what QatHost adds:
/// pruning that keeps its sparsity through training and burn-in, and a transform that trains its own state.</summary>
[Collection(nameof(SerialCollection))]
public class RockpoolTransformBehaviourTests
{
    private static Sequential TwoSynapseNetwork()
    {
        manual_seed(1);
        return Sequential(LinearTorch(3, 5), LIFTorch(5), Residual(LinearTorch(5, 10), LIFTorch(10, 5)),
            LinearTorch(5, 5), LIFTorch(5));
    }

    private static void EveryParameterHasANonZeroGradient(Module net)
    {
        foreach (var (path, p) in net.Parameters().Leaves())
        {
            p.grad.ShouldNotBeNull(path);
            p.grad.abs().sum().item<float>().ShouldBeGreaterThan(0f, path);
        }
    }

    [Fact]
    public void A_stochastically_rounded_linear_layer_passes_gradient_to_its_weight()
    {
        manual_seed(2);
        var layer = LinearTorch(3, 4);

        var wrapped = layer.WithParameterTransforms(TransformConfig.ForParameters(layer, Rounding.Stochastic()));
        wrapped.Evolve(ones(10, 3)).Output.sum().backward();

        wrapped.ShouldBeOfType<TWrapper>();
        wrapped.Parameters()["_mod/weight"].grad!.abs().sum().item<float>().ShouldBeGreaterThan(0f);
    }

    [Fact]
    public void A_lif_layer_with_rounded_taus_trains_its_taus_and_burns_in()
    {
        var lif = LIFTorch(3);
        var wrapped = (TWrapper)lif.WithParameterTransforms(TransformConfig.ForParameters(lif, Rounding.Stochastic(), "taus"));

        wrapped.Evolve(ones(10, 3)).Output.sum().backward();
        wrapped.BurnIn();

        wrapped.Parameters()["_mod/tau_mem"].grad!.abs().sum().item<float>().ShouldBeGreaterThan(0f);
    }

    [Fact]
    public void Every_parameter_of_a_network_with_rounded_weights_biases_and_taus_gets_a_gradient()
    {
        var net = TwoSynapseNetwork();
        var rounding = Rounding.Stochastic();
        var config = TransformConfig.ForParameters(net, rounding, "weights")
            .Merge(TransformConfig.ForParameters(net, rounding, "biases"))
            .Merge(TransformConfig.ForParameters(net, rounding, "taus"));

        var patched = net.WithParameterTransforms(config);
        patched.Evolve(ones(1, 10, 3)).Output.sum().backward();

        EveryParameterHasANonZeroGradient(patched);
        patched.BurnIn();
        patched.RemoveTransforms();
        patched.ToString().ShouldNotContain("TWrapper");
    }

    [Fact]
    public void Every_parameter_of_a_network_with_rounded_linear_outputs_gets_a_gradient()
    {
        var net = TwoSynapseNetwork();

        var patched = net.WithActivityTransforms(TransformConfig.ForActivities(net, Rounding.Deterministic(), typeof(LinearTorch)));
        patched.Evolve(ones(1, 10, 3)).Output.sum().backward();

        EveryParameterHasANonZeroGradient(patched);
    }

    [Fact]
    public void Decays_burn_in_to_what_a_bit_shift_can_express()
    {
        var net = Sequential(LinearTorch(2, 2), LIFTorch(2, leakMode: LeakMode.Decays, alpha: 0.8, beta: 0.6));

        net.Param("decays").Apply(Decay.ToBitshift());
        net.BurnIn();

        net.Parameters()["1_LIFTorch/_mod/alpha"].item<float>().ShouldBe(0.75f);
        net.Parameters()["1_LIFTorch/_mod/beta"].item<float>().ShouldBe(0.5f);
    }

    [Fact]
    public void Magnitude_pruning_keeps_its_exact_sparsity_through_training_and_burn_in()
    {
        manual_seed(4);
        var net = Sequential(LinearTorch(8, 16), LIFTorch(16), LinearTorch(16, 4), LIFTorch(4));
        net.Param("weights").Apply(Pruning.Magnitude(sparsity: 0.5));
        var input = rand(4, 20, 8) * 4;
        net.Evolve(input);
        var optimizer = optim.Adam(net.TrainableParameters(), 0.05);

        for (int step = 1; step <= 5; step++)
        {
            optimizer.zero_grad();
            net.Evolve(input).Output.sum().backward();
            optimizer.step();
            net.SetTrainingStep(step);
        }
        net.BurnIn();

        foreach (var (path, weight) in net.Parameters("weights").Leaves())
            (weight == 0).sum().item<long>().ShouldBe(weight.numel() / 2, path);
    }

    [Fact]
    public void A_learned_step_size_gets_a_gradient_and_moves_under_an_optimizer_step()
    {
        manual_seed(5);
        var net = Sequential(LinearTorch(4, 6), LIFTorch(6));
        net.Param("weights").Apply(Quantise.LearnedStepSize(bits: 4));
        var input = rand(2, 10, 4) * 5;
        net.Evolve(input); // the step is created from the data on first use
        var steps = net.TrainableParameters().Except(net.Parameters().Leaves().Select(l => l.Leaf)).ToList();
        var before = steps.Select(s => s.detach().clone()).ToList();
        var optimizer = optim.SGD(net.TrainableParameters(), 0.1);

        optimizer.zero_grad();
        net.Evolve(input).Output.sum().backward();
        optimizer.step();

        steps.Count.ShouldBe(1);
        steps[0].grad.ShouldNotBeNull();
        steps[0].allclose(before[0], rtol: 0, atol: 0).ShouldBeFalse();
    }
}
