using QatHost.Tests.Training;
using QatHost.Sdk;
using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using QatHost.Sdk.Pipeline;
using QatHost.Sdk.Transforms;
using TorchSharp;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Tests.Pipeline;

/// <summary>The mechanics of parameter and activity transforms, burn-in and removal, with a transform whose
/// effect is easy to predict (scaling by a constant).</summary>
[Collection(nameof(SerialCollection))]
public class PipelineBehaviourTests
{
    private sealed class Scale(float factor) : Transform($"Scale({factor})")
    {
        public override Tensor Forward(Tensor value, TransformContext context) => value * factor;
    }

    private static Sequential Network()
    {
        manual_seed(3);
        return Sequential(LinearTorch(2, 3), LIFTorch(3), LinearTorch(3, 2), LIFTorch(2));
    }

    [Fact]
    public void The_forward_pass_sees_transformed_weights_and_the_gradient_reaches_the_raw_ones()
    {
        var net = Network();
        var input = rand(1, 20, 2) * 3;
        var reference = net.Copy();
        using (no_grad())
            foreach (var (path, p) in reference.Parameters("weights").Leaves()) p.mul_(2);

        net.Param("weights").Apply(new Scale(2));
        var output = net.Evolve(input).Output;
        output.sum().backward();

        output.allclose(reference.Evolve(input).Output, rtol: 0, atol: 0).ShouldBeTrue();
        var raw = (TorchSharp.Modules.Parameter)net.Parameters()["0_LinearTorch/_mod/weight"];
        raw.grad.ShouldNotBeNull();
        net.Transforms().ToString().ShouldBe(
            "0_LinearTorch → weight (weights) → Scale(2)\n2_LinearTorch → weight (weights) → Scale(2)");
    }

    [Fact]
    public void Parameter_and_activity_transforms_nest_the_same_way_in_either_order()
    {
        var paramFirst = Network();
        var actFirst = paramFirst.Copy();
        var input = rand(2, 15, 2) * 3;

        paramFirst.Param("weights").Apply(new Scale(2));
        paramFirst.Activity<LinearTorch>().Apply(new Scale(0.5f));
        actFirst.Activity<LinearTorch>().Apply(new Scale(0.5f));
        actFirst.Param("weights").Apply(new Scale(2));

        paramFirst.ToString().ShouldBe(actFirst.ToString());
        paramFirst.ToString().ShouldContain("ActWrapper '0_LinearTorch' with shape (2, 3) {\n        TWrapper '_mod'");
        paramFirst.Evolve(input).Output.allclose(actFirst.Evolve(input).Output, rtol: 0, atol: 0).ShouldBeTrue();
    }

    [Fact]
    public void A_layer_under_an_activity_transform_keeps_its_records()
    {
        var net = Network();

        net.Activity<LIFTorch>().Apply(new Scale(1));
        var record = net.Evolve(ones(1, 5, 2), record: true).Record;

        record.Subtree("1_LIFTorch").Keys.ShouldBe(["vmem", "isyn", "irec", "spikes"]);
    }

    [Fact]
    public void Burn_in_keeps_the_parameter_objects_so_an_earlier_optimizer_still_trains_them()
    {
        var net = Sequential(LinearTorch(2, 3));
        net.Param("weights").Apply(new Scale(2));
        var optimizer = optim.SGD(net.TrainableParameters(), 0.1);
        var weight = net.Module("0_LinearTorch").Parameters()["_mod/weight"];
        var raw = weight.clone();

        net.BurnIn();
        var burned = weight.clone();
        optimizer.zero_grad();
        net.Evolve(ones(1, 10, 2)).Output.sum().backward();
        optimizer.step();

        burned.allclose(raw * 2, rtol: 0, atol: 0).ShouldBeTrue();
        weight.allclose(burned, rtol: 0, atol: 0).ShouldBeFalse(); // the optimizer moved the burned-in tensor
    }

    [Fact]
    public void Removing_transforms_keeps_burned_values_and_plain_names()
    {
        var net = Network();
        var raw = net.Parameters()["0_LinearTorch/weight"].clone();
        net.Param("weights").Apply(new Scale(2));

        net.BurnIn();
        net.RemoveTransforms();

        net.Parameters()["0_LinearTorch/weight"].allclose(raw * 2, rtol: 0, atol: 0).ShouldBeTrue();
        net.Transforms().IsEmpty.ShouldBeTrue();
        net.ToString().ShouldStartWith("TorchSequential  with shape (2, 2) {\n    LinearTorch '0_LinearTorch'");
    }

    [Fact]
    public void Config_tree_patching_copies_unless_asked_to_work_in_place()
    {
        var net = Network();
        var config = TransformConfig.ForParameters(net, new Scale(2), "weights");

        var patched = net.WithParameterTransforms(config);

        net.ToString().ShouldNotContain("TWrapper");
        patched.ToString().ShouldContain("TWrapper '0_LinearTorch'");
        net.WithParameterTransforms(config, inPlace: true).ShouldBeSameAs(net);
        net.ToString().ShouldContain("TWrapper '0_LinearTorch'");
    }

    [Fact]
    public void Transforms_on_one_parameter_chain_in_the_order_added()
    {
        var net = Network();

        net.Module("0_LinearTorch").Param("weights").Apply(new Scale(2));
        net.Module("0").Param("weights").Apply(new Scale(3));

        net.Transforms().ToString().ShouldBe("0_LinearTorch → weight (weights) → Scale(2) → Scale(3)");
    }

    [Fact]
    public void An_unknown_family_names_the_families_present_and_a_close_match()
    {
        var net = Network();

        var error = Should.Throw<QatHostException>(() => net.Param("thresh"));

        error.Message.ShouldBe("TorchSequential: no parameter family \"thresh\"; did you mean \"thresholds\"? Families here: weights, taus, bias, thresholds.");
    }

    [Fact]
    public void The_plural_biases_on_lif_layers_explains_the_singular_family()
    {
        var error = Should.Throw<QatHostException>(() => Network().Param("biases"));

        error.Message.ShouldContain("LIFTorch biases are family \"bias\"");
    }

    [Fact]
    public void An_unknown_module_path_names_the_modules_there()
    {
        var error = Should.Throw<QatHostException>(() => Network().Module("2_LIFTorch"));

        error.Message.ShouldBe("TorchSequential: no module \"2_LIFTorch\" (in path \"2_LIFTorch\"). Did you mean \"1_LIFTorch\"? Modules here: 0_LinearTorch, 1_LIFTorch, 2_LinearTorch, 3_LIFTorch.");
    }

    [Fact]
    public void A_bare_layer_cannot_be_patched_in_place_and_says_how_to_fix_it()
    {
        var error = Should.Throw<QatHostException>(() => LinearTorch(2, 2).Param("weights").Apply(new Scale(2)));

        error.Message.ShouldBe("LinearTorch: cannot attach Scale(2) to a layer that is not inside a network; wrap it first: var net = Sequential(layer);");
    }
}
