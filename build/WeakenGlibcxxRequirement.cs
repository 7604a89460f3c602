// MSBuild inline task (see TorchSharpNative.targets). Marks one GNU version requirement of an ELF
// shared library as weak, so the dynamic loader accepts the library where the system libstdc++ does
// not define that version. It changes two bytes in a copy in the build output, never the NuGet cache.
using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

public class WeakenGlibcxxRequirement : Task
{
    [Required] public ITaskItem[] Libraries { get; set; }
    [Required] public string Version { get; set; }
    /// <summary>Weaken even where this machine's libstdc++ defines the version: for copies that may run
    /// elsewhere (a published folder, the qathost tool package).</summary>
    public bool Always { get; set; }

    const uint ShtGnuVerneed = 0x6ffffffe;
    const ushort VerFlgWeak = 0x2;

    public override bool Execute()
    {
        string provider = Always ? null : SystemLibstdcxxDefining(Version);
        if (provider != null)
        {
            Log.LogMessage(MessageImportance.Low, $"{provider} defines {Version}: LibTorchSharp loads as shipped.");
            return true;
        }
        foreach (var item in Libraries)
        {
            string path = item.GetMetadata("FullPath");
            try
            {
                string outcome = Weaken(path, Version);
                Log.LogMessage(MessageImportance.Normal, $"{path}: {outcome}");
            }
            catch (Exception e)
            {
                Log.LogError($"{path}: cannot mark {Version} weak: {e.Message}");
            }
        }
        return !Log.HasLoggedErrors;
    }

    /// <summary>The first system libstdc++ that defines the version, or null when none does.</summary>
    static string SystemLibstdcxxDefining(string version)
    {
        var dirs = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "")
            .Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries)
            .Concat(new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                            "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64", "/lib", "/usr/lib" });
        byte[] needle = Encoding.ASCII.GetBytes(version + "\0");
        foreach (string dir in dirs)
        {
            string lib = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(lib))
                return Contains(File.ReadAllBytes(lib), needle) ? lib : null;
        }
        return null;
    }

    // MSBuild compiles inline tasks against netstandard2.0: no Span search, so a plain scan.
    static bool Contains(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            int j = 0;
            while (j < needle.Length && haystack[i + j] == needle[j]) j++;
            if (j == needle.Length) return true;
        }
        return false;
    }

    /// <summary>Sets VER_FLG_WEAK on the vernaux entry named <paramref name="version"/>; writes the
    /// file through a temporary name so a failure leaves the original in place.</summary>
    static string Weaken(string path, string version)
    {
        byte[] elf = File.ReadAllBytes(path);
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != 'E' || elf[2] != 'L' || elf[3] != 'F')
            throw new InvalidDataException("not an ELF file");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException("only 64-bit little-endian ELF is supported");

        ulong shoff = BitConverter.ToUInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3A);
        int shnum = BitConverter.ToUInt16(elf, 0x3C);
        for (int i = 0; i < shnum; i++)
        {
            int sh = checked((int)shoff + i * shentsize);
            if (BitConverter.ToUInt32(elf, sh + 4) != ShtGnuVerneed) continue;
            int verneed = checked((int)BitConverter.ToUInt64(elf, sh + 0x18));
            int verneedCount = checked((int)BitConverter.ToUInt32(elf, sh + 0x2C)); // sh_info
            int strtabHeader = checked((int)shoff + (int)BitConverter.ToUInt32(elf, sh + 0x28) * shentsize);
            int strtab = checked((int)BitConverter.ToUInt64(elf, strtabHeader + 0x18));

            int need = verneed;
            for (int n = 0; n < verneedCount; n++)
            {
                int auxCount = BitConverter.ToUInt16(elf, need + 2);
                int aux = need + (int)BitConverter.ToUInt32(elf, need + 8);
                for (int a = 0; a < auxCount; a++)
                {
                    int name = strtab + (int)BitConverter.ToUInt32(elf, aux + 8);
                    if (ReadCString(elf, name) == version)
                    {
                        ushort flags = BitConverter.ToUInt16(elf, aux + 4);
                        if ((flags & VerFlgWeak) != 0) return $"{version} already weak";
                        BitConverter.GetBytes((ushort)(flags | VerFlgWeak)).CopyTo(elf, aux + 4);
                        string temp = path + ".weakening";
                        File.WriteAllBytes(temp, elf);
                        File.Delete(path);
                        File.Move(temp, path);
                        return $"marked {version} weak";
                    }
                    aux += (int)BitConverter.ToUInt32(elf, aux + 12);
                }
                need += (int)BitConverter.ToUInt32(elf, need + 12);
            }
            return $"requires no {version}";
        }
        return "has no version requirements";
    }

    static string ReadCString(byte[] data, int start)
    {
        int end = Array.IndexOf(data, (byte)0, start);
        return Encoding.ASCII.GetString(data, start, end - start);
    }
}
