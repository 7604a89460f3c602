using QatHost.Sdk.Plugins;

[assembly: QatHostPlugin("WrongSdkVersion", Namespace = "Future.Qat")]

namespace Future.Qat;

/// <summary>Nothing to provide; only the SDK version matters.</summary>
public static class Future
{
    /// <summary>A constant.</summary>
    public static int Answer() => 42;
}
