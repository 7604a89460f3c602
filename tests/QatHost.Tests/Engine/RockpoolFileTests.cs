using QatHost.Tests.Training;
using System.Text.Json.Nodes;
using QatHost.Sdk;
using QatHost.Sdk.Engine;
using static QatHost.Sdk.Dsl.Builders;
using static TorchSharp.torch;

namespace QatHost.Tests.Engine;

/// <summary>Save and Load in Rockpool's TorchModule.save JSON format.</summary>
[Collection(nameof(SerialCollection))]
public sealed class RockpoolFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("qathost-json-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Sequential SeedNetwork() => Sequential(LinearTorch(3, 5), LIFTorch(5),
        Residual(LinearTorch(5, 5), LIFTorch(5, hasRec: true)), LinearTorch(5, 3), LIFTorch(3));

    [Fact]
    public void A_saved_network_loads_into_a_fresh_one_with_equal_parameters_and_output()
    {
        manual_seed(1);
        var saved = SeedNetwork();
        string path = Path.Combine(folder, "net.json");
        saved.Save(path);
        var loaded = SeedNetwork();

        loaded.Load(path);

        foreach (var (p, value) in saved.Parameters().Leaves())
            loaded.Parameters()[p].allclose(value, rtol: 0, atol: 0).ShouldBeTrue(p);
        loaded.Evolve(ones(1, 10, 3)).Output.allclose(saved.Evolve(ones(1, 10, 3)).Output, rtol: 0, atol: 0).ShouldBeTrue();
    }

    [Fact]
    public void The_file_uses_rockpools_layout_of_json_text_values_nested_by_module()
    {
        var net = Sequential(LinearTorch(2, 1, weight: tensor(new[] { 0.5f, -0.25f }).reshape(2, 1)), LIFTorch(1));
        string path = Path.Combine(folder, "small.json");

        net.Save(path);

        var json = JsonNode.Parse(File.ReadAllText(path))!;
        json["0_LinearTorch"]!["weight"]!.GetValue<string>().ShouldBe("[[0.5], [-0.25]]");
        json["1_LIFTorch"]!["tau_mem"]!.GetValue<string>().ShouldBe("[0.02]");
        json["1_LIFTorch"]!["dt"]!.GetValue<string>().ShouldBe("0.001");
        json["1_LIFTorch"]!["_has_rec"]!.GetValue<string>().ShouldBe("false");
        json["1_LIFTorch"]!.AsObject().ContainsKey("spike_generation_fn").ShouldBeTrue();
        json["1_LIFTorch"]!["spike_generation_fn"].ShouldBeNull();
    }

    [Fact]
    public void A_shape_mismatch_names_the_path_and_both_shapes_and_changes_nothing()
    {
        string path = Path.Combine(folder, "wide.json");
        Sequential(LinearTorch(3, 6), LIFTorch(6)).Save(path);
        var net = Sequential(LinearTorch(3, 5), LIFTorch(5));
        var before = net.Parameters()["0_LinearTorch/weight"].clone();

        var error = Should.Throw<QatHostException>(() => net.Load(path));

        error.Message.ShouldBe($"{path}: \"0_LinearTorch/weight\" has shape (3, 6) in the file but (3, 5) in the network.");
        net.Parameters()["0_LinearTorch/weight"].allclose(before, rtol: 0, atol: 0).ShouldBeTrue();
    }

    [Fact]
    public void A_different_leak_mode_is_named_as_such()
    {
        string path = Path.Combine(folder, "decays.json");
        Sequential(LinearTorch(2, 2), LIFTorch(2, leakMode: LeakMode.Decays)).Save(path);

        var error = Should.Throw<QatHostException>(() => Sequential(LinearTorch(2, 2), LIFTorch(2)).Load(path));

        error.Message.ShouldBe(
            $"{path}: leak mode differs at \"1_LIFTorch\": the file has decays parameters (alpha, beta), the network's " +
            "LIFTorch is in taus mode (tau_mem, tau_syn). Build it with leakMode: LeakMode.Decays.");
    }

    [Fact]
    public void A_module_missing_from_the_network_is_named()
    {
        string path = Path.Combine(folder, "longer.json");
        Sequential(LinearTorch(2, 2), LIFTorch(2), LinearTorch(2, 2)).Save(path);

        var error = Should.Throw<QatHostException>(() => Sequential(LinearTorch(2, 2), LIFTorch(2)).Load(path));

        error.Message.ShouldBe($"{path}: module \"2_LinearTorch\" is in the file but not in the network. Submodules here: 0_LinearTorch, 1_LIFTorch.");
    }

    [Fact]
    public void Missing_and_malformed_files_are_named()
    {
        string missing = Path.Combine(folder, "nope.json");
        string broken = Path.Combine(folder, "broken.json");
        File.WriteAllText(broken, "{\"0_LinearTorch\": ");

        Should.Throw<QatHostException>(() => LinearTorch(2, 2).Load(missing)).Message.ShouldBe($"{missing}: file not found.");
        Should.Throw<QatHostException>(() => LinearTorch(2, 2).Load(broken)).Message.ShouldStartWith($"{broken}: not valid JSON:");
    }

    [Fact]
    public void Saving_into_a_missing_folder_fails_without_leaving_a_file()
    {
        string path = Path.Combine(folder, "no-such-folder", "net.json");

        var error = Should.Throw<QatHostException>(() => LinearTorch(2, 2).Save(path));

        error.Message.ShouldStartWith($"{path}: folder");
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }
}
