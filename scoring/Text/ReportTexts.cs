using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Iq.Scoring.Text;

/// <summary>One report message in both languages, with <c>{name}</c> placeholders.</summary>
public sealed record Message(string Key, string Zh, string En)
{
    static readonly Regex Hole = new(@"\{([a-z_]+)\}", RegexOptions.CultureInvariant);

    /// <summary>The placeholders the text of a language uses, in order of first use.</summary>
    public static IReadOnlyList<string> Placeholders(string text) =>
        Hole.Matches(text).Select(m => m.Groups[1].Value).Distinct().ToList();

    internal static string Fill(string key, string text, IReadOnlyList<(string Name, string Value)> args)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        var result = Hole.Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            foreach (var (n, v) in args)
                if (n == name) { used.Add(n); return v; }
            throw new InvalidOperationException($"report message '{key}' needs {{{name}}}");
        });
        if (args.FirstOrDefault(a => !used.Contains(a.Name)) is { Name: not null } extra && !text.Contains('{' + extra.Name + '}'))
            throw new InvalidOperationException($"report message '{key}' has no {{{extra.Name}}}");
        return result;
    }
}

/// <summary>The report texts (scorecard, HTML, PDF) in one language, from the catalog
/// <c>report-messages.yaml</c> (embedded): every word a reader of a report sees, with the values inserted. Values come
/// from the results and are inserted as they are: a placeholder in a value is never expanded again.</summary>
public sealed class ReportTexts
{
    public static readonly IReadOnlyList<string> Languages = ["zh", "en"];

    /// <summary>Every message, as the catalog declares it.</summary>
    public static IReadOnlyDictionary<string, Message> Catalog { get; } = Load();

    public static ReportTexts Zh { get; } = new("zh");
    public static ReportTexts En { get; } = new("en");

    public static ReportTexts For(string lang) => lang switch
    {
        "zh" => Zh,
        "en" => En,
        _ => throw new ArgumentException($"unknown language '{lang}': use zh or en"),
    };

    ReportTexts(string lang) => Language = lang;

    public string Language { get; }
    public bool IsChinese => Language == "zh";

    /// <summary>A message with no placeholder.</summary>
    public string this[string key] => Format(key);

    public string Format(string key, params (string Name, object? Value)[] args)
    {
        if (!Catalog.TryGetValue(key, out var m)) throw new InvalidOperationException($"no report message '{key}'");
        return Message.Fill(key, IsChinese ? m.Zh : m.En, args.Select(a => (a.Name, a.Value?.ToString() ?? "")).ToList());
    }

    /// <summary>A message's text with its placeholders unfilled, for a renderer that fills them itself (the page number
    /// fields of a footer, a count a script updates).</summary>
    public string Template(string key) =>
        Catalog.TryGetValue(key, out var m) ? (IsChinese ? m.Zh : m.En) : throw new InvalidOperationException($"no report message '{key}'");

    /// <summary>A message when the catalog has <paramref name="key"/>, else <paramref name="fallback"/> as it is.</summary>
    public string Or(string key, string fallback) => Catalog.ContainsKey(key) ? Format(key) : fallback;

    static Dictionary<string, Message> Load()
    {
        using var stream = typeof(ReportTexts).Assembly.GetManifestResourceStream("Iq.Scoring.Text.report-messages.yaml")
                           ?? throw new InvalidOperationException("report-messages.yaml is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var yaml = new YamlStream();
        yaml.Load(reader);
        var result = new Dictionary<string, Message>(StringComparer.Ordinal);
        foreach (var (k, v) in ((YamlMappingNode)yaml.Documents[0].RootNode).Children)
        {
            var key = ((YamlScalarNode)k).Value!;
            var map = (YamlMappingNode)v;
            string Get(string lang) => map.Children.TryGetValue(new YamlScalarNode(lang), out var t) ? ((YamlScalarNode)t).Value ?? "" : "";
            result.Add(key, new Message(key, Get("zh"), Get("en")));
        }
        return result;
    }
}
