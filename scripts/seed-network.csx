// scripts/seed-network.csx: the seed notebook's network, evolved once with every state recorded
var net = Sequential(
    LinearTorch(3, 5),
    LIFTorch(5),
    Residual(LinearTorch(5, 5), LIFTorch(5, hasRec: true)),
    LinearTorch(5, 3),
    LIFTorch(3, leakMode: LeakMode.Bitshifts));

var (output, state, record) = net.Evolve(torch.ones(1, 10, 3), record: true);

Print(net);
Print(output);
Print(record);
