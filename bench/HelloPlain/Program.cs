using QatHost.Sdk.Engine;
using TorchSharp;
using static QatHost.Sdk.Dsl.Builders;

// Same statements as scripts/hello.csx.
var net = Sequential(LinearTorch(3, 5), LIFTorch(5), LinearTorch(5, 2), LIFTorch(2));
var input = torch.ones(1, 10, 3);

var result = net.Evolve(input);

Console.WriteLine(net);
Console.WriteLine($"output shape: {string.Join(" x ", result.Output.shape)}");
