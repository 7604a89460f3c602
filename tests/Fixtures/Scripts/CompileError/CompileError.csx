// A typo the compiler must point at, by line and column.
var net = Sequential(LinearTorch(3, 5), LIFTorch(5));
net.Evolv(torch.ones(1, 10, 3));
