namespace QatHost.Plugins;

/// <summary>A folder of plugins (one sub-folder per plugin) and why it is searched.</summary>
/// <param name="Folder">The folder, e.g. <c>/opt/qathost/plugins</c>.</param>
/// <param name="Origin">Where it came from: <c>beside the executable</c>, <c>--plugins</c>, <c>QATHOST_PLUGINS</c>.</param>
public sealed record PluginSource(string Folder, string Origin);
