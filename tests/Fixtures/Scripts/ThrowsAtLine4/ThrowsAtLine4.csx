// The SDK rejects the input width; the error must name this line, not the SDK's.
var net = Sequential(LinearTorch(3, 5), LIFTorch(5));
Print("built");
var result = net.Evolve(torch.ones(1, 10, 7));
Print("not reached");
