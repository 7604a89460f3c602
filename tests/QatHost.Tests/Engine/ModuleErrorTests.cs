using QatHost.Sdk;
using QatHost.Sdk.Engine;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>Bad input is an exception whose message names the module path, the argument and both values.</summary>
public class ModuleErrorTests
{
    [Fact]
    public void Wrong_input_width_names_the_module_path_and_both_widths()
    {
        var net = Sequential(LinearTorch(3, 5), LIFTorch(5), Residual(LinearTorch(5, 5), LIFTorch(5)));

        var error = Should.Throw<QatHostException>(() => net.Evolve(ones(1, 10, 4)));

        error.Message.ShouldBe("0_LinearTorch: input has wrong neuron dimension: it is 4, must be 3 (input shape (1, 10, 4)).");
    }

    [Fact]
    public void Recurrent_weights_without_recurrence_are_rejected()
    {
        var error = Should.Throw<QatHostException>(() => LIFTorch(3, wRec: ones(3, 3)));

        error.Message.ShouldBe("LIFTorch: argument wRec is given but hasRec is false; pass hasRec: true.");
    }

    [Fact]
    public void A_leak_argument_of_another_mode_is_rejected_even_when_it_is_zero()
    {
        var error = Should.Throw<QatHostException>(() => LIFTorch(3, alpha: 0.0));

        error.Message.ShouldBe(
            "LIFTorch: argument alpha belongs to leakMode: LeakMode.Decays, but this layer's leakMode is LeakMode.Taus " +
            "(whose parameters are tauMem and tauSyn). Pass leakMode: LeakMode.Decays or use tauMem/tauSyn.");
    }

    [Fact]
    public void A_parameter_of_the_wrong_shape_names_the_argument_and_the_permitted_shapes()
    {
        var error = Should.Throw<QatHostException>(() => LIFTorch(5, tauMem: new[] { 0.02, 0.03, 0.04 }));

        error.Message.ShouldBe("LIFTorch: argument tauMem has shape (3,); permitted shapes are (5,) or ().");
    }

    [Fact]
    public void A_same_size_parameter_is_reshaped_as_rockpool_does()
    {
        var lif = LIFTorch(4, 2, tauSyn: new[] { 0.01, 0.02, 0.03, 0.04 });

        lif.Parameters()["tau_syn"].shape.ShouldBe([2L, 2L]);
    }

    [Fact]
    public void Input_width_that_is_not_a_multiple_of_the_neuron_count_is_rejected()
    {
        var error = Should.Throw<QatHostException>(() => LIFTorch(5, 2));

        error.Message.ShouldBe("LIFTorch: nIn = 5 is not a multiple of nOut = 2; each neuron needs nIn / nOut whole synapses.");
    }

    [Fact]
    public void A_threshold_that_would_divide_by_zero_is_rejected()
    {
        var error = Should.Throw<QatHostException>(() => LIFTorch(2, threshold: new[] { 1.0, 0.0 }));

        error.Message.ShouldBe("LIFTorch: argument threshold must be positive and finite; got [1, 0].");
    }

    [Fact]
    public void Sequential_rejects_modules_whose_widths_do_not_chain()
    {
        var error = Should.Throw<QatHostException>(() => Sequential(LinearTorch(3, 5), LIFTorch(4)));

        error.Message.ShouldBe(
            "TorchSequential: the output of submodule 0 (LinearTorch) does not match the input shape of submodule 1 (LIFTorch): 5 ≠ 4.");
    }

    [Fact]
    public void NaN_in_the_input_stops_the_evolution_naming_the_layer()
    {
        var net = Sequential(LinearTorch(2, 2, weight: eye(2)), LIFTorch(2));
        var input = zeros(1, 5, 2);
        input[0, 2, 1] = tensor(float.NaN);

        var error = Should.Throw<QatHostException>(() => net.Evolve(input));

        error.Message.ShouldStartWith("1_LIFTorch: the membrane potential became NaN.");
    }

    [Fact]
    public void Derived_leak_values_are_read_only_and_unknown_parameters_are_named()
    {
        var lif = LIFTorch(3);

        var error = Should.Throw<QatHostException>(() => lif.SetParameter("alpha", ones(3)));

        error.Message.ShouldBe(
            "LIFTorch: no parameter \"alpha\". In leakMode Taus \"alpha\" is derived from tau_mem and tau_syn and is read-only; " +
            "set those instead, or build the layer with the leak mode whose parameter it is. It has: tau_mem, tau_syn, bias, threshold.");
    }
}
