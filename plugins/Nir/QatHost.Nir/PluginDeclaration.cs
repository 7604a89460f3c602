using QatHost.Sdk.Plugins;

// The host loads this assembly as the "Nir" plugin and imports QatHost.Nir into scripts (Nir.Load, Nir.Save).
[assembly: QatHostPlugin("Nir", Namespace = "QatHost.Nir")]
