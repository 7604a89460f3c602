using QatHost.Sdk.Plugins;

// Scripts import QatHost.Xylo, so they call Xylo.Map(net) unqualified.
[assembly: QatHostPlugin("Xylo", Namespace = "QatHost.Xylo")]
