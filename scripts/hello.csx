// scripts/hello.csx: build a small network, evolve it once, print what it is and what it made
var net = Sequential(LinearTorch(3, 5), LIFTorch(5), LinearTorch(5, 2), LIFTorch(2));
var input = torch.ones(1, 10, 3);

var result = net.Evolve(input);

Print(net);
Print($"output shape: {string.Join(" x ", result.Output.shape)}");
