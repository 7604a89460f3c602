namespace QatHost.Host.Tests.Input;

/// <summary>Key presses as <see cref="Console.ReadKey(bool)"/> reports them, for driving the line editor.</summary>
public static class Keys
{
    /// <summary>Each character of <paramref name="text"/> typed.</summary>
    public static IEnumerable<ConsoleKeyInfo> Type(string text) =>
        text.Select(c => new ConsoleKeyInfo(c, char.IsAsciiLetter(c) ? (ConsoleKey)char.ToUpperInvariant(c) : 0,
            char.IsUpper(c), alt: false, control: false));

    /// <summary>A key without a character (arrows, Home, End, Delete, Enter, Backspace).</summary>
    public static ConsoleKeyInfo Press(ConsoleKey key) => key switch
    {
        ConsoleKey.Enter => new('\r', key, false, false, false),
        ConsoleKey.Backspace => new('\x7f', key, false, false, false),
        _ => new('\0', key, false, false, false),
    };

    /// <summary>Ctrl with a letter, as a terminal sends it (the control character).</summary>
    public static ConsoleKeyInfo Control(ConsoleKey letter) =>
        new((char)(letter - ConsoleKey.A + 1), letter, shift: false, alt: false, control: true);
}
