namespace QatHost.Sdk.Trees;

/// <summary>Helpers for error messages that suggest the name the user probably meant.</summary>
public static class Naming
{
    /// <summary>The shortest candidate that starts with <paramref name="name"/>, else the candidate closest by
    /// edit distance, or null when none is close enough to be a plausible typo (distance at most a third of
    /// the name's length, at least 2).</summary>
    public static string? ClosestMatch(string name, IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        var prefixed = list.Where(c => c.StartsWith(name, StringComparison.Ordinal)).OrderBy(c => c.Length).FirstOrDefault();
        if (prefixed is not null) return prefixed;
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in list)
        {
            int d = Distance(name, candidate);
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        int limit = Math.Max(2, name.Length / 3);
        return bestDistance <= limit ? best : null;
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
