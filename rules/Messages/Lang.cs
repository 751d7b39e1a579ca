namespace Iq.Rules.Messages;

/// <summary>The languages every message, diagnostic and heading is written in.</summary>
public enum Lang { Zh, En }

public static class Langs
{
    public static readonly IReadOnlyList<string> Names = ["zh", "en"];

    public static string Name(this Lang lang) => lang == Lang.Zh ? "zh" : "en";

    public static Lang? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "zh" or "zh-cn" or "zh_cn" or "chinese" or "中文" => Lang.Zh,
        "en" or "en-us" or "en_us" or "english" => Lang.En,
        _ => null,
    };

    /// <summary>The language the POSIX locale asks for: the first of LC_ALL, LC_MESSAGES and LANG that is set (their order
    /// of precedence). Chinese when it names Chinese (zh_CN.UTF-8 …), English otherwise: the C and POSIX locales name no
    /// language, and the Linux text console they come with cannot show Chinese. (InvariantGlobalization is on, so the
    /// variables are read directly, not through CultureInfo.)</summary>
    public static Lang FromLocale(Func<string, string?> environment)
    {
        foreach (var name in new[] { "LC_ALL", "LC_MESSAGES", "LANG" })
            if (environment(name) is { Length: > 0 } value)
                return value.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Lang.Zh : Lang.En;
        return Lang.En;
    }

    public static Lang FromLocale() => FromLocale(Environment.GetEnvironmentVariable);
}
