using System.Text.Json.Nodes;
using QatHost.Sdk;
using QatHost.Sdk.Hardware;

namespace QatHost.Xylo.Tests;

/// <summary>Export and import of the JSON configuration (docs/xylo-config-format.md).</summary>
public sealed class ConfigFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("xylo-config-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathOf(string name) => Path.Combine(folder, name);

    [Fact]
    public void A_configuration_read_back_simulates_exactly_as_the_original()
    {
        using var net = Networks.Notebook();
        var config = Xylo.Quantise(Xylo.Map(net), weightShift: true);
        var input = Configs.RandomInput(1, 80, 2, max: 4);

        config.Export(PathOf("net.json"));
        var back = XyloConfig.Import(PathOf("net.json"));

        var original = Xylo.Simulator(config).Evolve(input, record: true);
        var read = Xylo.Simulator(back).Evolve(input, record: true);
        read.Output.ShouldBe(original.Output);
        read.Record["Vmem"].ShouldBe(original.Record["Vmem"]);
        back.HiddenModules.ShouldBe(config.HiddenModules);
        back.Target.ShouldBe(XyloTarget.XyloAudio2);
    }

    [Fact]
    public void A_random_two_synapse_configuration_round_trips_through_the_sdk_contract()
    {
        IHardwareTarget target = XyloTarget.XyloAudio2;
        var config = Configs.Random(21, 3, 12, 2, 2, aliases: true);

        target.Export(config, PathOf("random.json"));
        var back = (XyloConfig)target.Import(PathOf("random.json"));

        back.WeightsRec.ShouldBe(config.WeightsRec);
        back.DashSyn2.ShouldBe(config.DashSyn2);
        back.Aliases.ShouldBe(config.Aliases);
        back.Bias.ShouldBe(config.Bias);
    }

    [Fact]
    public void An_invalid_configuration_is_never_written()
    {
        var config = Configs.Make(new int[1, 2, 1] { { { 10 }, { 10 } } }, new int[2, 2, 1], new int[2, 1],
            dashMem: [1, 1], dashSyn: [1, 1], thr: [5, 5], dashMemOut: [1], dashSynOut: [1], thrOut: [1], aliases: [[], [0]]);

        var error = Should.Throw<DesignRuleException>(() => config.Export(PathOf("bad.json")));

        error.Message.ShouldBe($"{PathOf("bad.json")}: not written: the XyloAudio2 configuration: 1 design rule error(s):\n" +
            "  configuration: alias_target_increasing_id: aliases go to higher neuron IDs only, and target 0 means \"no alias\" to the chip (measured alias 1 -> 0, limit target > 1)");
        Directory.GetFiles(folder).ShouldBeEmpty();
    }

    [Fact]
    public void A_file_of_another_format_version_is_refused()
    {
        var path = Edited("v2.json", j => j["version"] = 2);

        var error = Should.Throw<QatHostException>(() => XyloConfig.Import(path));

        error.Message.ShouldBe($"{path}: format version 2 is not supported; this plugin reads version 1.");
    }

    [Fact]
    public void An_out_of_range_weight_in_a_file_is_refused_naming_file_field_value_and_limit()
    {
        var path = Edited("range.json", j => j["weights_in"]![0]![1]![0] = 300);

        var error = Should.Throw<DesignRuleException>(() => XyloConfig.Import(path));

        error.Message.ShouldBe($"{path}: invalid XyloAudio2 configuration: 1 design rule error(s):\n" +
            "  configuration: weights_in_int8_range: weights are signed 8-bit; a larger value would wrap on the chip (measured weights_in 300 (1 value(s)), limit -128..127)");
    }

    [Fact]
    public void A_file_with_a_wrong_vector_length_names_the_field()
    {
        var path = Edited("length.json", j => j["threshold"]!.AsArray().RemoveAt(0));

        var error = Should.Throw<QatHostException>(() => XyloConfig.Import(path));

        error.Message.ShouldBe($"{path}: field \"threshold\" has 7 entries; expected 8.");
    }

    [Fact]
    public void A_weight_shift_beyond_3_bits_is_refused()
    {
        var path = Edited("shift.json", j => j["weight_shift_rec"] = 8);

        var error = Should.Throw<DesignRuleException>(() => XyloConfig.Import(path));

        error.Errors.Single().ToString().ShouldBe(
            "configuration: weight_shift_in_range: weight bit shifts are 3-bit fields (measured weight_shift_rec 8, limit 0..7)");
    }

    private string Edited(string name, Action<JsonObject> edit)
    {
        using var net = Networks.Notebook();
        var path = PathOf(name);
        Xylo.Quantise(Xylo.Map(net)).Export(path);
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        edit(json);
        File.WriteAllText(path, json.ToJsonString());
        return path;
    }
}
