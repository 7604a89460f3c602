// Echoes the script arguments, one per line, with their count first.
Print($"{Args.Count} args");
foreach (var arg in Args) Print(arg);
