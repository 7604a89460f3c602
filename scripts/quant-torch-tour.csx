// scripts/quant-torch-tour.csx: Rockpool's QuantTorch notebook (docs/advanced/QuantTorch.ipynb), re-created.
// Each section prints what the notebook's cell prints; the Rockpool call is in the comment above it.
torch.manual_seed(1);

void Section(string title) => Print($"\n== {title} ==");

// --- The network ------------------------------------------------------------------------------------------
// net = Sequential(LinearTorch((3, 5)), LIFTorch(5), Residual(LinearTorch((5, 5)), LIFTorch(5, has_rec=True)),
//                  LinearTorch((5, 3)), LIFTorch(3))
var net = Sequential(
    LinearTorch(3, 5), LIFTorch(5),
    Residual(LinearTorch(5, 5), LIFTorch(5, hasRec: true)),
    LinearTorch(5, 3), LIFTorch(3));
Section("network");
Print(net);

// --- Parameter transforms ---------------------------------------------------------------------------------
// tconfig = make_param_T_config(net, lambda p: stochastic_rounding(p, num_levels=2**num_bits), 'weights')
const int bits = 4;
var tconfig = TransformConfig.ForParameters(net, Rounding.Stochastic(levels: 1 << bits), "weights");
Section("parameter transform configuration (weights)");
Print(tconfig);

// tconfig = tree_update(tconfig, make_param_T_config(net, lambda p: dropout(p, 0.3), 'biases'))
// LIF biases are family "bias", LinearTorch's "biases": the notebook's 'biases' matches nothing here.
tconfig = tconfig.Merge(TransformConfig.ForParameters(net, Dropout.Bernoulli(p: 0.3), "biases"));
Section("after merging a dropout configuration for 'biases' (no module has that family)");
Print(tconfig);

// tnet = make_param_T_network(net, tconfig)
var tnet = net.WithParameterTransforms(tconfig);
Section("patched network");
Print(tnet);
Section("parameters of the patched network (raw, untransformed)");
Print(tnet.Parameters());

// out, state, rec = tnet(torch.ones(1, 10, 3))
var (output, _, _) = tnet.Evolve(torch.ones(1, 10, 3));
Section("output of the patched network on ones(1, 10, 3)");
Print(output);

// --- Training goes here! (see scripts/qat-vs-ptq.csx) -------------------------------------------------------

// ttnet = apply_T(tnet); ttnet = remove_T_net(ttnet)
tnet.BurnIn();
tnet.RemoveTransforms();
Section("after burn-in and removal");
Print(tnet);
Print(tnet.Parameters("weights")["0_LinearTorch/weight"]);

// --- Integer weights: stochastic rounding onto integer levels ------------------------------------------------
// make_param_T_config(net, lambda p: stochastic_rounding(p, output_range=[-7, 8], num_levels=16), 'weights')
var inet = net.WithParameterTransforms(
    TransformConfig.ForParameters(net, Rounding.Stochastic(levels: 16, outputRange: (-7, 8)), "weights"));
inet.BurnIn();
inet.RemoveTransforms();
Section("integer weights (16 levels onto [-7, 8])");
Print(inet.Parameters("weights")["0_LinearTorch/weight"]);

// --- Activity transforms ---------------------------------------------------------------------------------------
// tconfig = make_act_T_config(net, lambda x: deterministic_rounding(x, output_range=[-128, 127], num_levels=256), LinearTorch)
var aconfig = TransformConfig.ForActivities(net,
    Rounding.Deterministic(levels: 256, outputRange: (-128, 127)), typeof(LinearTorch));
Section("activity transform configuration (LinearTorch outputs)");
Print(aconfig);

// anet = make_act_T_network(net, tconfig)
var anet = net.WithActivityTransforms(aconfig);
Section("network with activity transforms");
Print(anet);

// out, state, rec = anet(torch.ones(1, 10, 3), record=True)
var record = anet.Evolve(torch.ones(1, 10, 3), record: true).Record;
Section("record dictionary of the activity-transformed network");
Print(record);
Section("0_LinearTorch_output: integer-valued (the transformed output)");
Print(record["0_LinearTorch_output"]);

// --- Decays: train alpha/beta and round them to what a bit shift can express ----------------------------------
// net = Sequential(..., LIFTorch(3, leak_mode='decays'))
// tconfig = make_param_T_config(net, lambda p: t_decay(p), 'decays')
var dnet = Sequential(
    LinearTorch(3, 5), LIFTorch(5),
    Residual(LinearTorch(5, 5), LIFTorch(5, hasRec: true)),
    LinearTorch(5, 3), LIFTorch(3, leakMode: LeakMode.Decays, alpha: 0.8, beta: 0.6));
var dconfig = TransformConfig.ForParameters(dnet, Decay.ToBitshift(), "decays");
Section("decay transform configuration");
Print(dconfig);
var tdnet = dnet.WithParameterTransforms(dconfig);
Print(tdnet);
tdnet.BurnIn();
Section("burned-in decays (alpha 0.8 → 0.75, beta 0.6 → 0.5)");
Print(tdnet.Parameters("decays"));
Print(tdnet.Parameters("decays")["4_LIFTorch/_mod/alpha"]);
Print(tdnet.Parameters("decays")["4_LIFTorch/_mod/beta"]);

// --- Bitshifts: train dash and round it with a straight-through estimator ------------------------------------
// tconfig = make_param_T_config(net, lambda p: round_passthrough(p), 'bitshifts')
var bnet = Sequential(
    LinearTorch(3, 5), LIFTorch(5),
    Residual(LinearTorch(5, 5), LIFTorch(5, hasRec: true)),
    LinearTorch(5, 3), LIFTorch(3, leakMode: LeakMode.Bitshifts, dashMem: 2.3, dashSyn: 3.6));
var bconfig = TransformConfig.ForParameters(bnet, Passthrough.Round(), "bitshifts");
Section("bitshift transform configuration");
Print(bconfig);
var tbnet = bnet.WithParameterTransforms(bconfig);
Print(tbnet);
tbnet.BurnIn();
Section("burned-in bit shifts (2.3 → 2, 3.6 → 4)");
Print(tbnet.Parameters("bitshifts"));
Print(tbnet.Parameters("bitshifts")["4_LIFTorch/_mod/dash_mem"]);
Print(tbnet.Parameters("bitshifts")["4_LIFTorch/_mod/dash_syn"]);
