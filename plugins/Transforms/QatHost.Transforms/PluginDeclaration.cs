using QatHost.Sdk.Plugins;

// The host loads this assembly as the "Transforms" plugin and imports QatHost.Transforms into scripts.
[assembly: QatHostPlugin("Transforms", Namespace = "QatHost.Transforms")]
