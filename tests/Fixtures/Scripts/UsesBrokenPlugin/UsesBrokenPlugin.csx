// Needs the ThrowsOnLoad plugin, which fails to load.
var scale = Calibrated.Scaled();
Print(scale);
