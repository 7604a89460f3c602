namespace QatHost.Plugins;

/// <summary>A plugin that was not loaded, and why, in one line.</summary>
/// <param name="Path">The plugin's file, or its folder when it has no main assembly.</param>
/// <param name="Reason">What is wrong and, where possible, what to change.</param>
/// <param name="Exception">The exception behind it, for <c>--verbose</c>.</param>
public sealed record PluginFailure(string Path, string Reason, Exception? Exception = null);
