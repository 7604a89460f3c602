using QatHost.Sdk;
using QatHost.Sdk.Data;
using QatHost.Sdk.Dsl;
using QatHost.Sdk.Engine;
using QatHost.Tests.Training;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>Issue 12: files Load cannot read are not written, values the constructor refuses are not loaded,
/// and bad shapes get messages that say what they mean.</summary>
public sealed class FileReliabilityTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qathost-files-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Sequential Network() => Sequential(LinearTorch(3, 4), LIFTorch(4));

    // 12.4
    [Theory]
    [InlineData("tau_mem", -0.02f, "-0.02", "tau_mem must be positive and finite (seconds)")]
    [InlineData("threshold", 0f, "0", "threshold must be positive and finite")]
    public void Load_refuses_a_value_the_constructor_refuses_naming_the_file_the_path_and_the_value(
        string parameter, float value, string shown, string rule)
    {
        var bad = Network();
        ((LIFTorch)bad[1]).SetParameter(parameter, full(4, value));
        string path = Path.Combine(folder, "bad.json");
        bad.Save(path);
        var net = Network();
        var before = net.Parameters()["1_LIFTorch/" + parameter].clone();

        var error = Should.Throw<QatHostException>(() => net.Load(path));

        error.Message.ShouldBe(
            $"{path}: \"1_LIFTorch/{parameter}\" is [{shown}, {shown}, {shown}, {shown}] in the file, but {rule} " +
            "(LIFTorch's constructor refuses it too). Nothing was loaded.");
        net.Parameters()["1_LIFTorch/" + parameter].IsIdenticalTo(before).ShouldBeTrue();
    }

    [Fact]
    public void Load_refuses_a_decay_above_one()
    {
        string path = Path.Combine(folder, "decay.json");
        var bad = Sequential(LinearTorch(3, 4), LIFTorch(4, leakMode: LeakMode.Decays));
        ((LIFTorch)bad[1]).SetParameter("alpha", full(4, 1.5f));
        bad.Save(path);

        var error = Should.Throw<QatHostException>(() => Sequential(LinearTorch(3, 4), LIFTorch(4, leakMode: LeakMode.Decays)).Load(path));

        error.Message.ShouldBe(
            $"{path}: \"1_LIFTorch/alpha\" is [1.5, 1.5, 1.5, 1.5] in the file, but alpha must be a decay in [0, 1] " +
            "(LIFTorch's constructor refuses it too). Nothing was loaded.");
    }

    // 12.10
    [Fact]
    public void Save_refuses_a_non_finite_parameter_by_name_and_writes_nothing()
    {
        var net = Network();
        ((LIFTorch)net[1]).SetParameter("threshold", full(4, float.NaN));
        string path = Path.Combine(folder, "nan.json");

        var error = Should.Throw<QatHostException>(() => net.Save(path));

        error.Message.ShouldBe(
            $"{path}: cannot save: parameter \"1_LIFTorch/threshold\" holds NaN or infinity ([NaN, NaN, NaN, NaN]), " +
            "which the file format cannot hold. Nothing was written.");
        Directory.GetFiles(folder).ShouldBeEmpty();
    }

    // 12.19
    [Fact]
    public void Loading_a_file_saved_with_transforms_into_a_plain_network_explains_and_suggests_the_fix()
    {
        var wrapped = Network();
        wrapped.Module("0").Param("weights").Apply(TestTransforms.Deterministic(levels: 16));
        string path = Path.Combine(folder, "wrapped.json");
        wrapped.Save(path);

        var error = Should.Throw<QatHostException>(() => Network().Load(path));

        error.Message.ShouldBe(
            $"{path}: \"0_LinearTorch/_mod\" is a layer saved with transforms attached (\"_mod\" is the layer inside its transform " +
            "wrapper), but LinearTorch \"0_LinearTorch\" in this network has no transforms. Save the network after net.BurnIn() and " +
            "net.RemoveTransforms(), or attach the same transforms before Load.");
    }

    [Fact]
    public void Loading_a_plain_file_into_a_network_with_transforms_explains_and_suggests_the_fix()
    {
        string path = Path.Combine(folder, "plain.json");
        Network().Save(path);
        var wrapped = Network();
        wrapped.Module("0").Param("weights").Apply(TestTransforms.Deterministic(levels: 16));

        var error = Should.Throw<QatHostException>(() => wrapped.Load(path));

        error.Message.ShouldBe(
            $"{path}: \"0_LinearTorch/weight\" was saved from a layer without transforms, but \"0_LinearTorch\" in this network has " +
            "transforms attached (a TWrapper around its LinearTorch). Load into the network before attaching transforms, or call " +
            "net.RemoveTransforms() first and attach them again after Load.");
    }

    // 12.7
    [Fact]
    public void A_bad_input_rank_says_what_a_one_dimensional_input_means()
    {
        var error = Should.Throw<QatHostException>(() => Network().Evolve(ones(1, 2, 10, 3)));

        error.Message.ShouldBe(
            "0_LinearTorch: input has shape (1, 2, 10, 3); expected (B, T, 3) or (T, 3) (or (N,): N samples of one time step each, " +
            "every value fed to all 3 channels, Rockpool's rule for 1-D input).");
    }

    [Fact]
    public void A_one_dimensional_input_is_n_samples_of_one_time_step()
    {
        var output = Sequential(LinearTorch(3, 2)).Evolve(ones(5)).Output;

        output.shape.ShouldBe([5L, 1L, 2L]);
    }

    // 12.18
    [Theory]
    [InlineData(new long[] { 0, 10, 3 })]
    [InlineData(new long[] { 0 })]
    public void Evolving_a_batch_of_zero_samples_names_the_module_and_the_shape(long[] shape)
    {
        var error = Should.Throw<QatHostException>(() => Network().Evolve(ones(shape)));

        error.Message.ShouldBe($"TorchSequential: input has shape ({string.Join(", ", shape)}{(shape.Length == 1 ? "," : "")}), a batch of 0 samples; evolve at least one sample.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Taking_fewer_than_one_sample_is_refused_by_name(long count)
    {
        using var data = Tasks.FrozenNoise(classes: 2, channels: 3, steps: 5, samples: 4, seed: 1);

        var error = Should.Throw<QatHostException>(() => data.Take(count));

        error.Message.ShouldBe($"{data.Source}: Take({count}): count must be at least 1; a dataset holds at least one sample.");
    }

    [Fact]
    public void Taking_more_samples_than_there_are_gives_them_all()
    {
        using var data = Tasks.FrozenNoise(classes: 2, channels: 3, steps: 5, samples: 4, seed: 1);

        using var taken = data.Take(10);

        taken.Count.ShouldBe(4);
        data.Take(2).Count.ShouldBe(2);
    }
}
