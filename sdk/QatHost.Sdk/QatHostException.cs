namespace QatHost.Sdk;

/// <summary>
/// An error the user can act on: the message says where (module path, parameter, file) and what is wrong.
/// The host prints it as one line without a stack trace; scripts and plugins may catch it.
/// </summary>
public class QatHostException : Exception
{
    /// <summary>Creates the exception with a message that names the thing at fault.</summary>
    public QatHostException(string message, Exception? inner = null) : base(message, inner) { }
}
