using QatHost.Sdk.Plugins;

// The host loads this assembly as the "Acme.Clipping" plugin and imports the namespace Acme.Clipping into scripts,
// so a script writes Clipping.Symmetric(0.1).
[assembly: QatHostPlugin("Acme.Clipping", Namespace = "Acme.Clipping")]
