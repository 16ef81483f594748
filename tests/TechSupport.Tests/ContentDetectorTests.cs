using System.Text;
using TechSupport.Application.Attachments;
using TechSupport.Domain;
using TechSupport.Tests.Support;

namespace TechSupport.Tests;

// S4 as a table: what a file is, by its bytes alone, and what is refused with which reason.
public sealed class ContentDetectorTests
{
    private static readonly Dictionary<string, Func<byte[]>> Samples = new()
    {
        ["a log"] = TestFiles.Log,
        ["UTF-8 text with a BOM and accents"] = () => [0xEF, 0xBB, 0xBF, .. TestFiles.Text("Réglage moniteur : Rec.709, 100 nits — étalonné\n")],
        ["a log whose lines start with a bracket"] = () => TestFiles.Text("[2026-11-23 10:02:11] Resolve: GPU memory full\n[2026-11-23 10:02:12] retry\n"),
        ["a syslog export"] = () => TestFiles.Text("<134>Nov 23 10:02:11 san01 kernel: nfs: server not responding\n"),
        ["a JSON object"] = () => TestFiles.Text("""{ "suite": "Grade 2", "frames": [1, 2, 3], "ok": false }"""),
        ["a JSON array"] = () => TestFiles.Text("""[ { "clip": "A001C003", "dropped": 14 } ]"""),
        ["an FCPXML export"] = () => TestFiles.Text("""<?xml version="1.0" encoding="UTF-8"?><fcpxml version="1.10"><resources/><library/></fcpxml>"""),
        ["TTML subtitles"] = () => TestFiles.Text("""<tt xmlns="http://www.w3.org/ns/ttml"><head/><body><div><p>Hello</p></div></body></tt>"""),
        ["a PNG"] = TestFiles.Png,
        ["a JPEG"] = TestFiles.Jpeg,
        ["a GIF"] = TestFiles.Gif,
        ["a PDF"] = () => TestFiles.Pdf(),
        ["a WAV"] = TestFiles.Wav,
        ["an MXF"] = TestFiles.Mxf,
        ["an MP4"] = () => [0, 0, 0, 0x18, .. "ftypisom"u8, 0, 0, 2, 0, .. "isomiso2"u8, .. new byte[64]],
        ["a QuickTime MOV"] = () => [0, 0, 0, 0x14, .. "ftypqt  "u8, 0, 0, 2, 0, .. "qt  "u8, .. new byte[64]],
        ["an AIFF"] = () => [.. "FORM"u8, 0, 0, 0, 0x40, .. "AIFF"u8, .. "COMM"u8, .. new byte[64]],
        ["an AVI"] = () => [.. "RIFF"u8, 0x40, 0, 0, 0, .. "AVI "u8, .. "LIST"u8, .. new byte[64]],
        ["a Matroska file"] = () => [0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01, .. new byte[64]],
        ["an MP3 with ID3"] = () => [.. "ID3"u8, 4, 0, 0, 0, 0, 0, 0, .. new byte[64]],
        ["an MP3 frame"] = () => [0xFF, 0xFB, 0x90, 0x64, .. new byte[64]],
        ["a FLAC"] = () => [.. "fLaC"u8, 0, 0, 0, 0x22, .. new byte[64]],
        ["a Windows executable"] = TestFiles.PortableExecutable,
        ["a Linux executable"] = TestFiles.Elf,
        ["a 32-bit Mach-O"] = () => TestFiles.MachO(0xFEEDFACE),
        ["a 64-bit Mach-O"] = () => TestFiles.MachO(0xFEEDFACF),
        ["a byte-swapped 32-bit Mach-O"] = () => TestFiles.MachO(0xCEFAEDFE),
        ["a byte-swapped 64-bit Mach-O"] = () => TestFiles.MachO(0xCFFAEDFE),
        ["a universal Mach-O"] = () => TestFiles.MachO(0xCAFEBABE),
        ["a shebang script"] = TestFiles.ShebangScript,
        ["a shebang script after a BOM"] = () => [0xEF, 0xBB, 0xBF, .. TestFiles.ShebangScript()],
        ["a batch file"] = () => TestFiles.Text("@echo off\r\nnet use Z: \\\\san01\\media\r\n"),
        ["a batch file starting with a comment"] = () => TestFiles.Text("rem map the SAN\r\nnet use Z: \\\\san01\\media\r\n"),
        ["a PowerShell script"] = () => TestFiles.Text("param(\n  [string]$Path\n)\nGet-ChildItem $Path | Remove-Item -Force\n"),
        ["an encoded PowerShell command"] = () => TestFiles.Text("powershell.exe -NoProfile -EncodedCommand SQBFAFgA\n"),
        ["a VBScript"] = () => TestFiles.Text("Set shell = CreateObject(\"WScript.Shell\")\nshell.Run \"cmd /c calc\"\n"),
        ["JavaScript"] = () => TestFiles.Text("const { exec } = require('child_process');\nexec('rm -rf /');\n"),
        ["a JavaScript module"] = () => TestFiles.Text("import fs from 'fs';\nfs.rmSync('/mnt/san', { recursive: true });\n"),
        ["HTML"] = TestFiles.Html,
        ["HTML without a doctype"] = () => TestFiles.Text("\n  <HTML><BODY onload=\"x()\">hi</BODY></HTML>"),
        ["an SVG"] = () => TestFiles.Text("""<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>"""),
        ["XHTML hidden in XML"] = () => TestFiles.Text("""<doc xmlns:h="http://www.w3.org/1999/xhtml"><h:div>hi</h:div></doc>"""),
        ["XML with an external entity"] = () => TestFiles.Text("""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>"""),
        ["a ZIP"] = () => [.. "PK\x03\x04"u8, 20, 0, .. new byte[64]],
        ["an Office document"] = () => [.. "PK\x03\x04"u8, 20, 0, 6, 0, .. "[Content_Types].xml"u8],
        ["an old Office document"] = () => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[64]],
        ["a truncated PNG"] = TestFiles.TruncatedPng,
        ["a PNG with a ZIP behind it"] = () => [.. TestFiles.Png(), .. "PK\x03\x04"u8, 20, 0, .. new byte[32]],
        ["a PNG signature alone"] = () => TestFiles.Png()[..8],
        ["an empty file"] = () => [],
        ["unknown binary"] = () => [0x42, 0x00, 0x17, 0x99, 0x00, 0x01],
        ["Latin-1 text"] = () => Encoding.Latin1.GetBytes("Caf\u00e9 suite: moniteur \u00e9talonn\u00e9\n"),
        ["UTF-16 text"] = () => Encoding.Unicode.GetBytes("Grade 2 log\n"),
    };

    public static TheoryData<string, AttachmentKind, string> Accepted => new()
    {
        { "a log", AttachmentKind.Text, "text/plain; charset=utf-8" },
        { "UTF-8 text with a BOM and accents", AttachmentKind.Text, "text/plain; charset=utf-8" },
        { "a log whose lines start with a bracket", AttachmentKind.Text, "text/plain; charset=utf-8" },
        { "a syslog export", AttachmentKind.Text, "text/plain; charset=utf-8" },
        { "a JSON object", AttachmentKind.Json, "application/json" },
        { "a JSON array", AttachmentKind.Json, "application/json" },
        { "an FCPXML export", AttachmentKind.Xml, "application/xml" },
        { "TTML subtitles", AttachmentKind.Xml, "application/xml" },
        { "a PNG", AttachmentKind.Png, "image/png" },
        { "a JPEG", AttachmentKind.Jpeg, "image/jpeg" },
        { "a GIF", AttachmentKind.Gif, "image/gif" },
        { "a PDF", AttachmentKind.Pdf, "application/pdf" },
        { "a WAV", AttachmentKind.Audio, "audio/wav" },
        { "an MXF", AttachmentKind.Video, "application/mxf" },
        { "an MP4", AttachmentKind.Video, "video/mp4" },
        { "a QuickTime MOV", AttachmentKind.Video, "video/quicktime" },
        { "an AIFF", AttachmentKind.Audio, "audio/aiff" },
        { "an AVI", AttachmentKind.Video, "video/x-msvideo" },
        { "a Matroska file", AttachmentKind.Video, "video/x-matroska" },
        { "an MP3 with ID3", AttachmentKind.Audio, "audio/mpeg" },
        { "an MP3 frame", AttachmentKind.Audio, "audio/mpeg" },
        { "a FLAC", AttachmentKind.Audio, "audio/flac" },
    };

    public static TheoryData<string, string> Refused => new()
    {
        { "a Windows executable", "This file is a Windows executable; executables and scripts are never accepted." },
        { "a Linux executable", "Linux executable (ELF)" },
        { "a 32-bit Mach-O", "macOS executable (Mach-O)" },
        { "a 64-bit Mach-O", "macOS executable (Mach-O)" },
        { "a byte-swapped 32-bit Mach-O", "macOS executable (Mach-O)" },
        { "a byte-swapped 64-bit Mach-O", "macOS executable (Mach-O)" },
        { "a universal Mach-O", "macOS executable (Mach-O)" },
        { "a shebang script", "script (it starts with #!)" },
        { "a shebang script after a BOM", "script (it starts with #!)" },
        { "a batch file", "Windows batch script" },
        { "a batch file starting with a comment", "Windows batch script" },
        { "a PowerShell script", "PowerShell script" },
        { "an encoded PowerShell command", "PowerShell script" },
        { "a VBScript", "VBScript" },
        { "JavaScript", "JavaScript" },
        { "a JavaScript module", "JavaScript" },
        { "HTML", "HTML or SVG markup" },
        { "HTML without a doctype", "HTML or SVG markup" },
        { "an SVG", "HTML or SVG markup" },
        { "XHTML hidden in XML", "HTML or SVG markup" },
        { "XML with an external entity", "document type (DTD)" },
        { "a ZIP", "archive" },
        { "an Office document", "archive" },
        { "an old Office document", "archive" },
        { "a truncated PNG", "cut short or damaged" },
        { "a PNG signature alone", "cut short or damaged" },
        { "a PNG with a ZIP behind it", "hidden after its end" },
        { "an empty file", "The file is empty." },
        { "unknown binary", ContentDetector.NotAccepted },
        { "Latin-1 text", ContentDetector.NotAccepted },
        { "UTF-16 text", ContentDetector.NotAccepted },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task A_file_is_known_by_its_content(string sample, AttachmentKind kind, string contentType)
    {
        var verdict = await DetectAsync(sample);

        Assert.Null(verdict.Refusal);
        Assert.Equal(kind, verdict.Kind);
        Assert.Equal(contentType, verdict.ContentType);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_that_is_not_accepted_is_refused_saying_why(string sample, string reason)
    {
        var verdict = await DetectAsync(sample);

        Assert.False(verdict.Accepted);
        Assert.Null(verdict.Kind);
        Assert.Contains(reason, verdict.Refusal, StringComparison.Ordinal);
        Assert.EndsWith(".", verdict.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_sample_is_in_one_table_or_the_other()
    {
        var judged = Accepted.Select(row => (string)row[0]).Concat(Refused.Select(row => (string)row[0])).ToHashSet();

        Assert.Empty(Samples.Keys.Except(judged));
    }

    [Theory]
    [InlineData(AttachmentKind.Video, Classification.Standard, true)]
    [InlineData(AttachmentKind.Audio, Classification.Standard, true)]
    [InlineData(AttachmentKind.Video, Classification.Confidential, false)]
    [InlineData(AttachmentKind.Audio, Classification.Confidential, false)]
    [InlineData(AttachmentKind.Video, Classification.Restricted, false)]
    [InlineData(AttachmentKind.Audio, Classification.Restricted, false)]
    [InlineData(AttachmentKind.Png, Classification.Restricted, true)]
    [InlineData(AttachmentKind.Text, Classification.Confidential, true)]
    [InlineData(AttachmentKind.Pdf, Classification.Restricted, true)]
    public void Media_essence_goes_only_on_a_standard_fault(AttachmentKind kind, Classification classification, bool admitted)
    {
        var verdict = ContentDetector.Admit(ContentVerdict.Of(kind, "x/y"), classification);

        Assert.Equal(admitted, verdict.Accepted);
        if (!admitted)
        {
            Assert.Equal($"This file is {kind.ToString().ToLowerInvariant()} essence; media is never attached to a {classification} fault.",
                verdict.Refusal);
        }
    }

    [Fact]
    public async Task A_json_export_larger_than_the_read_buffer_with_a_long_string_is_still_json()
    {
        var big = "{\"note\":\"" + new string('x', 300_000) + "\",\"items\":[" + string.Join(",", Enumerable.Range(0, 50_000)) + "]}";

        var verdict = await ContentDetector.DetectAsync(new MemoryStream(Encoding.UTF8.GetBytes(big)), CancellationToken.None);

        Assert.Equal(AttachmentKind.Json, verdict.Kind);
    }

    [Fact]
    public async Task Invalid_utf8_far_past_the_start_is_still_found()
    {
        var bytes = TestFiles.Text(new string('a', 200_000)).Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        var verdict = await ContentDetector.DetectAsync(new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(ContentDetector.NotAccepted, verdict.Refusal);
    }

    private static async Task<ContentVerdict> DetectAsync(string sample) =>
        await ContentDetector.DetectAsync(new MemoryStream(Samples[sample]()), CancellationToken.None);
}
