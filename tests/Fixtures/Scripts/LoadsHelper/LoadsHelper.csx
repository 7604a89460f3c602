// #load is relative to this script, wherever qathost runs from.
#load "helpers/network.csx"

var net = SmallNetwork(width: 4);
Print(net);
