// Shared by the scripts that #load it.
Sequential SmallNetwork(int width) => Sequential(LinearTorch(2, width), LIFTorch(width));
