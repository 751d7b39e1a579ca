using Iq.Rules.Diagnostics;

namespace Iq.Rules.Messages;

/// <summary>The message catalog: every message the engine and the CLI show, declared once with its code, its arguments
/// and its text in Chinese and English. Messages are data: code makes a <see cref="MessageText"/> (a message with its
/// arguments) and the edge renders it in the language asked for. Split by area over partial files (Msg.*.cs); the CLI's
/// texts, the report texts and the diagnostics of every stage live here, so that Iq.Scoring and every layer above read
/// one catalog. docs/messages.md is generated from it (a test fails when they differ).</summary>
public static partial class Msg
{
    /// <summary>The words of a report row: evidence words (IQ80xx), fact reasons (IQ7xxx), a row's reason and its missing
    /// facts. They are data, shown whole in every report (<see cref="Message.ArgumentsWhole"/>); a diagnostic that quotes one
    /// still caps it.</summary>
    static Message RowWords(string? code, string[] args, string zh, string en) => new(code, args, zh, en) { ArgumentsWhole = true };

    static Message RowWords(string? code, string zh, string en) => RowWords(code, [], zh, en);

    // ---- shared pieces ----
    public static readonly Message DidYouMean = new(null, ["suggestion"], "；是否想写 '{suggestion}'？", "; did you mean '{suggestion}'?");
    public static readonly Message DidYouMeanItem = new(null, ["suggestion"], "（或者是指条目 '{suggestion}'？）", " (or did you mean the item '{suggestion}'?)");
    public static readonly Message WithHint = new(null, ["message", "hint"], "{message}{hint}", "{message}{hint}");
    public static readonly Message Expected = new(null, ["choices"], "；应为 {choices}", "; expected {choices}");

    // ---- text and syntax (IQ1xxx) ----
    public static readonly Message Unexpected = new(Codes.Unexpected, ["found"], "此处不应出现 {found}", "Unexpected {found}");
    public static readonly Message UnexpectedExpected = new(Codes.Unexpected, ["found", "expected"], "此处不应出现 {found}；应为 {expected}", "Unexpected {found}; expected {expected}");
    public static readonly Message UnknownKeyword = new(Codes.Unexpected, ["found", "suggestion"], "未知关键字 {found}；是否想写 '{suggestion}'？", "Unknown keyword {found}; did you mean '{suggestion}'?");
    public static readonly Message EndOfFile = new(null, "文件结尾", "end of file");
    public static readonly Message UnterminatedString = new(Codes.UnterminatedString, "字符串未结束：字符串必须在开始的同一行内结束", "Unterminated string: a string must close on the line it opens");
    public static readonly Message NestingTooDeep = new(Codes.NestingTooDeep, ["max"], "嵌套过深：括号超过 {max} 层", "Nesting too deep: more than {max} levels of brackets");
    public static readonly Message ExpressionChainTooLong = new(Codes.NestingTooDeep, ["max"], "表达式过长：一串运算符超过 {max} 个（如 1 + 1 + … 每个运算符算一层）；请用 let 分段，或改用 sum() 等函数",
        "Expression too long: a chain of more than {max} operators (in 1 + 1 + … each operator is a level); split it with let, or use a function such as sum()");
    public static readonly Message ExpressionTooDeep = new(Codes.NestingTooDeep, ["max"], "表达式过深：超过 {max} 层", "Expression too deep: more than {max} levels");
    public static readonly Message UnmatchedBracket = new(Codes.UnmatchedBracket, ["closer", "opener"], "多余的 '{closer}'：此处没有未闭合的 '{opener}'", "Unmatched '{closer}': no '{opener}' is open here");
    public static readonly Message MismatchedBracket = new(Codes.MismatchedBracket, ["found", "expected", "open", "line", "column"],
        "括号不匹配 '{found}'：应为 '{expected}' 以关闭第 {line} 行第 {column} 列的 '{open}'",
        "Mismatched '{found}': expected '{expected}' to close '{open}' from line {line}, column {column}");
    public static readonly Message UnclosedBracket = new(Codes.UnclosedBracket, ["open", "closer"], "'{open}' 未闭合：文件结束前没有 '{closer}'", "Unclosed '{open}': no '{closer}' before the end of the file");
    public static readonly Message UnknownUnit = new(Codes.UnknownUnit, ["unit", "units"], "未知单位 '{unit}'；应为 {units} 之一", "Unknown unit '{unit}'; expected one of {units}");
    public static readonly Message EmptyFile = new(Codes.EmptyFile, "检查单为空：应为 'checklist \"id\" {{ … }}'", "Empty checklist: expected 'checklist \"id\" {{ … }}'");
    public static readonly Message NotText = new(Codes.NotText, ["byte", "offset"], "不是 UTF-8 文本文件（偏移 {offset} 处的字节 0x{byte}）", "Not a UTF-8 text file (byte 0x{byte} at offset {offset})");
    public static readonly Message ChecklistTooLarge = new(Codes.FileTooLarge, ["size", "limit", "option"], "检查单过大（{size} 字节；上限 {limit} 字节；可用 {option} 提高上限）",
        "Checklist is too large ({size} bytes; the limit is {limit} bytes; raise it with {option})");
    public static readonly Message NumberOutOfRange = new(Codes.NumberOutOfRange, ["number"], "数值超出范围：{number}", "Number out of range: {number}");
    public static readonly Message NotTextUnquoted = new(Codes.NotText, "不是 UTF-8 文本文件", "Not a UTF-8 text file");
    public static readonly Message BadEscape = new(Codes.BadEscape, ["escape"], "无效的转义 '{escape}'", "Invalid escape '{escape}'");
    public static readonly Message FileNotFound = new(Codes.FileNotFound, ["file"], "文件不存在：{file}", "File not found: {file}");
    public static readonly Message CannotRead = new(Codes.CannotRead, ["file", "reason"], "无法读取 {file}：{reason}", "Cannot read {file}: {reason}");

    // ---- binding and types (IQ2xxx) ----
    public static readonly Message UnknownFactPath = new(Codes.UnknownFactPath, ["path", "hint"], "未知的事实路径。Path={path}{hint}", "Unknown fact path. Path={path}{hint}");
    public static readonly Message DidYouMeanPath = new(null, ["path"], "；是否想写 '{path}'？", "; did you mean '{path}'?");
    public static readonly Message DidYouMeanPaths = new(null, ["paths"], "；是否想写 {paths}？", "; did you mean {paths}?");
    public static readonly Message UnknownFunction = new(Codes.UnknownFunction, ["name", "hint"], "未知函数 '{name}'{hint}", "Unknown function '{name}'{hint}");
    public static readonly Message ArgumentCount = new(Codes.ArgumentCount, ["function", "usage", "count"], "{function}() 的参数个数不对：应为 {usage}，实际 {count} 个",
        "Wrong number of arguments to {function}(): expected {usage}, got {count}");
    public static readonly Message NeedsFactPath = new(Codes.TypeMismatch, ["function"], "类型不匹配：{function}() 需要事实路径，如 env.gpus", "Type mismatch: {function}() needs a fact path such as env.gpus");
    public static readonly Message SchemeNameInQuotes = new(Codes.TypeMismatch, ["function"], "类型不匹配：{function}() 的版本方案是加引号的名称，如 \"dpkg\"",
        "Type mismatch: the scheme of {function}() is a name in quotes, such as \"dpkg\"");
    public static readonly Message UnknownVersionScheme = new(Codes.BadValue, ["name", "hint"], "未知的版本方案 '{name}'{hint}", "Unknown version scheme '{name}'{hint}");
    public static readonly Message FoldFailed = new(Codes.BadValue, ["reason"], "{reason}", "{reason}");
    public static readonly Message NotAValid = new(Codes.BadValue, ["function", "value"], "不是有效的 {function}：\"{value}\"", "Not a valid {function}: \"{value}\"");
    public static readonly Message FunctionNeeds = new(Codes.TypeMismatch, ["function", "needs", "got"], "类型不匹配：{function}() 需要{needs}，实际为 {got}", "Type mismatch: {function}() needs {needs}, got {got}");
    public static readonly Message LambdaNeeds = new(Codes.TypeMismatch, ["function", "needs", "got"], "类型不匹配：{function}() 的 lambda 需要返回{needs}，实际为 {got}",
        "Type mismatch: the lambda of {function}() needs {needs}, got {got}");
    public static readonly Message BranchesDiffer = new(Codes.TypeMismatch, ["function", "then", "otherwise"], "类型不匹配：{function}() 的两个分支类型不同：{then} 与 {otherwise}",
        "Type mismatch: {function}() branches differ: {then} and {otherwise}");
    public static readonly Message ArgumentsDiffer = new(Codes.TypeMismatch, ["function", "types"], "类型不匹配：{function}() 的参数类型不同：{types}", "Type mismatch: {function}() arguments differ: {types}");
    public static readonly Message CannotOrderIn = new(Codes.TypeMismatch, ["function", "type"], "类型不匹配：{function}() 无法对 {type} 类型的值排序", "Type mismatch: {function}() cannot order values of type {type}");
    public static readonly Message NeedsItemId = new(Codes.TypeMismatch, ["function"], "类型不匹配：{function}() 需要以字符串字面量给出的条目编号", "Type mismatch: {function}() needs an item id as a string literal");
    public static readonly Message NeedsLambda = new(Codes.TypeMismatch, ["function"], "类型不匹配：此处 {function}() 需要 lambda，如 'x => x.name == \"a\"'",
        "Type mismatch: {function}() needs a lambda such as 'x => x.name == \"a\"' here");
    public static readonly Message LetCycle = new(Codes.Cycle, ["cycle"], "let 之间循环依赖：{cycle}", "Lets depend on each other in a cycle: {cycle}");
    public static readonly Message ItemCycle = new(Codes.Cycle, ["cycle"], "条目之间循环依赖：{cycle}", "Items depend on each other in a cycle: {cycle}");
    public static readonly Message ScriptNotAllowed = new(Codes.ScriptNotAllowed, ["what", "category", "why"], "检查单脚本中不允许使用 {what}（{category}）{why}",
        "{what} is not allowed in a checklist script ({category}){why}");
    public static readonly Message ScriptCacheShared = new(Codes.ScriptCache, ["dir"], "脚本缓存 {dir} 可被他人写入；编译后的脚本不缓存在此（改为仅自己可写：chmod 700）",
        "The script cache {dir} can be written by others; compiled scripts are not cached there (make it yours alone: chmod 700)");
    public static readonly Message ScriptCacheDllShared = new(Codes.ScriptCache, ["file"], "编译后的脚本 {file} 可被他人写入；已重新编译", "The compiled script {file} can be written by others; compiled again");
    public static readonly Message ScriptCacheHash = new(Codes.ScriptCache, ["file"], "编译后的脚本 {file} 与记录的哈希不符；已重新编译", "The compiled script {file} does not match its recorded hash; compiled again");
    public static readonly Message ScriptTimeout = new(Codes.ScriptTimeout, ["item", "limit"], "条目 '{item}' 的 csharp 代码块未在 {limit} 内返回（--script-timeout）",
        "the csharp block of item '{item}' did not return within {limit} (--script-timeout)");
    public static readonly Message EvaluationBudget = new(Codes.EvaluationBudget, ["item", "steps"],
        "求值条目 '{item}' 超过 {steps} 步后停止：检查单中的表达式随事实的规模超线性增长（如 foreach 内对大列表的量词），这些事实过大",
        "Evaluating item '{item}' stopped after {steps} steps: an expression of the checklist grows faster than the facts (a quantifier over a large list inside a foreach), and these facts are too large for it");
    public static readonly Message ScriptsNotAllowed = new(Codes.ScriptsNotAllowed, "csharp 代码块未启用：含脚本的检查单即是代码；加 --allow-scripts 才会编译并运行",
        "csharp blocks are off: a checklist with scripts is code; run with --allow-scripts to compile and run them");
    public static readonly Message UnknownItem = new(Codes.UnknownItem, ["id", "hint"], "未知条目 '{id}'{hint}", "Unknown item '{id}'{hint}");
    public static readonly Message DuplicateParam = new(Codes.DuplicateName, ["name"], "参数 '{name}' 重复", "Duplicate param '{name}'");
    public static readonly Message ParamDeclaredAs = new(Codes.TypeMismatch, ["name", "declared", "got", "hint"], "类型不匹配：参数 '{name}' 声明为 {declared}，但其值为 {got}{hint}",
        "Type mismatch: param '{name}' is declared {declared} but its value is {got}{hint}");
    public static readonly Message UnknownParamInSet = new(Codes.UnknownParam, ["name", "hint"], "set 中的参数 '{name}' 不存在{hint}", "Unknown param '{name}' in set{hint}");
    public static readonly Message UnknownParamInOption = new(Codes.UnknownParam, ["name", "hint"], "--set 中的参数 '{name}' 不存在{hint}", "Unknown param '{name}' in --set{hint}");
    public static readonly Message ParamIs = new(Codes.TypeMismatch, ["name", "type", "got", "hint"], "类型不匹配：参数 '{name}' 为 {type}，实际为 {got}{hint}", "Type mismatch: param '{name}' is {type}, got {got}{hint}");
    public static readonly Message SetNotAVersion = new(Codes.BadValue, ["name", "text"], "--set {name}：不是版本号：{text}", "--set {name}: not a version: {text}");
    public static readonly Message SetNotOfType = new(Codes.BadValue, ["name", "text", "type", "reason"], "--set {name}={text}：参数 '{name}' 为 {type}，'{text}' 不是 {type} 常量（{reason}）",
        "--set {name}={text}: param '{name}' is a {type}, and '{text}' is not a {type} constant ({reason})");
    public static readonly Message SetNegative = new(Codes.BadValue, ["name", "text", "type"], "--set {name}={text}：{type} 不能为负数", "--set {name}={text}: a {type} must not be negative");
    public static readonly Message ParamNegative = new(Codes.BadValue, ["name", "type"], "参数 '{name}'：{type} 不能为负数", "param '{name}': a {type} must not be negative");
    public static readonly Message SetPercentRange = new(Codes.BadValue, ["name", "text"], "--set {name}={text}：参数 '{name}' 是百分比，应在 0% 到 100% 之间",
        "--set {name}={text}: param '{name}' is a percent, from 0% to 100%");
    public static readonly Message ParamPercentRange = new(Codes.BadValue, ["name", "text"], "参数 '{name}' 是百分比，应在 0% 到 100% 之间，实际为 {text}",
        "param '{name}' is a percent, from 0% to 100%, got {text}");
    public static readonly Message SetNotACount = new(Codes.BadValue, ["name", "text"], "--set {name}={text}：参数 '{name}' 是计数，应为不小于 0 的整数",
        "--set {name}={text}: param '{name}' is a count, a whole number 0 or more");
    public static readonly Message ParamNotACount = new(Codes.BadValue, ["name", "text"], "参数 '{name}' 是计数，应为不小于 0 的整数，实际为 {text}",
        "param '{name}' is a count, a whole number 0 or more, got {text}");
    public static readonly Message NotAConstant = new(null, "不是常量", "not a constant");
    public static readonly Message SetWrongType = new(Codes.BadValue, ["name", "type", "got", "hint"], "--set {name}：参数 '{name}' 为 {type}，实际为 {got}{hint}", "--set {name}: param '{name}' is {type}, got {got}{hint}");
    public static readonly Message MustBeConstant = new(Codes.NotConstant, ["role"], "{role} 的值必须是常量，如 64、\"text\"、256 GiB 或 1.2.3",
        "The value of {role} must be a constant, such as 64, \"text\", 256 GiB or 1.2.3");
    public static readonly Message RoleParam = new(null, ["name"], "参数 '{name}'", "param '{name}'");
    public static readonly Message DuplicateLet = new(Codes.DuplicateName, ["name"], "名称 '{name}' 重复：已有同名的参数、let 或事实根", "Duplicate name '{name}': a param, let or fact root has it already");
    public static readonly Message IdFormatCharacter = new(Codes.NotText, ["id", "char"], "编号 '{id}' 含不可见的格式字符 {char}（Unicode Cf 类，如零宽空格、从右到左覆盖）：两个看起来相同的编号会是不同的条目；请删去",
        "The id '{id}' holds the invisible format character {char} (Unicode category Cf, such as a zero-width space or a right-to-left override): two ids that look the same would be different items; remove it");
    public static readonly Message DuplicateId = new(Codes.DuplicateId, ["id", "line", "column"], "编号 '{id}' 重复（首次声明于第 {line} 行第 {column} 列）",
        "Duplicate id '{id}' (first declared at line {line}, column {column})");
    public static readonly Message DuplicateIdInFile = new(Codes.DuplicateId, ["id", "file", "line", "column"], "编号 '{id}' 重复（首次声明于 {file} 第 {line} 行第 {column} 列）",
        "Duplicate id '{id}' (first declared in {file} at line {line}, column {column})");
    public static readonly Message TailoringWithoutBase = new(Codes.TailoringWithoutBase, "裁剪（set、disable、weight）需要基础检查单：写作 checklist \"id\" extends \"base.iq\" {{ … }}",
        "Tailoring (set, disable, weight) needs a base: write checklist \"id\" extends \"base.iq\" {{ … }}");
    public static readonly Message UnknownTailoringTarget = new(Codes.UnknownTailoringTarget, ["id", "hint"], "未知的条目或章节 '{id}'{hint}", "Unknown item or section '{id}'{hint}");
    public static readonly Message BadWeight = new(Codes.BadWeight, ["value"], "权重必须是不小于 0 的数，实际为 {value}", "Weight must be a number of 0 or more, got {value}");
    public static readonly Message UnknownScoring = new(Codes.BadScoring, ["model", "models"], "未知的评分模型 '{model}'；应为 {models}", "Unknown scoring model '{model}'; expected {models}");
    public static readonly Message PassAtRange = new(Codes.BadScoring, ["value"], "pass_at 必须在 0 到 100 之间，实际为 {value}", "pass_at must be between 0 and 100, got {value}");
    public static readonly Message PassAtNoParam = new(Codes.BadScoring, ["name", "hint"], "pass_at 所指参数不存在：'{name}'{hint}", "pass_at names no param: '{name}'{hint}");
    public static readonly Message PassAtParamRange = new(Codes.BadScoring, ["name", "value"], "pass_at {name}：该参数必须是 0 到 100 之间的数，实际为 {value}",
        "pass_at {name}: the param must be a number between 0 and 100, got {value}");
    public static readonly Message EmptyWithoutForeach = new(Codes.NothingToEvaluate, ["id"], "'empty' 只用于 foreach 条目：条目 '{id}' 没有 foreach", "'empty' is for a foreach item: item '{id}' has no foreach");
    public static readonly Message ForeachNeedsList = new(Codes.TypeMismatch, ["got"], "类型不匹配：foreach 需要列表，实际为 {got}", "Type mismatch: foreach needs a list, got {got}");
    public static readonly Message DuplicateClause = new(Codes.DuplicateClause, ["keyword", "id"], "条目 '{id}' 中 '{keyword}' 重复", "Duplicate '{keyword}' in item '{id}'");
    public static readonly Message ManualWithChecks = new(Codes.NothingToEvaluate, ["id"], "条目 '{id}' 为 'manual'（由人评判），不能同时有 'expect' 或 'score'",
        "Item '{id}' is 'manual' (a person judges it) and cannot also have 'expect' or 'score'");
    public static readonly Message RequiresNeedsPaths = new(Codes.BadRequirement, "'requires' 需要事实路径，如 rollback.duration", "'requires' needs fact paths such as rollback.duration");
    public static readonly Message RequiresOnManual = new(Codes.BadRequirement, ["id"], "条目 '{id}' 是 'manual' 且没有 'when'：由人来判断，不读取事实，无从要求其来源",
        "Item '{id}' is 'manual' with no 'when': a person judges it, so it reads no facts to require a provenance of");
    public static readonly Message RequiresUnread = new(Codes.BadRequirement, ["path", "id", "reads"], "'requires' 指定了 {path}，但条目 '{id}' 并不读取它{reads}",
        "'requires' names {path}, which item '{id}' does not read{reads}");
    public static readonly Message RequiresItReads = new(null, ["paths"], "（它读取 {paths}）", " (it reads {paths})");
    public static readonly Message NothingToEvaluate = new(Codes.NothingToEvaluate, ["id"], "条目 '{id}' 没有可评价的内容：请添加 'expect'、'score'、'manual' 或 'informational'",
        "Item '{id}' has nothing to evaluate: add 'expect', 'score', 'manual' or 'informational'");
    public static readonly Message ReadsNoFact = new(Codes.NothingToEvaluate, ["id"], "条目 '{id}' 不读取任何事实：它永远不会不合格；请让 'expect' 或 'score' 比较一个事实",
        "Item '{id}' reads no fact: it can never fail; make its 'expect' or 'score' compare a fact");
    public static readonly Message AlwaysTrue = new(Codes.NothingToEvaluate, ["id"], "条目 '{id}' 的 'expect' 无论事实如何都成立：它永远不会不合格；请删去恒真的部分（如 '… or true'、'x or not x'）",
        "The 'expect' of item '{id}' holds whatever the facts are: it can never fail; remove the part that is always true (such as '… or true', 'x or not x')");
    public static readonly Message UnmatchedCloseBrace = new(Codes.BadInterpolation, ["text"], "\"{text}\" 中有多余的 '}}'；字面的右花括号写作 '}}}}'",
        "Unmatched '}}' in \"{text}\"; write '}}}}' for a literal brace");
    public static readonly Message UnclosedOpenBrace = new(Codes.BadInterpolation, ["text"], "\"{text}\" 中的 '{{' 未闭合；字面的左花括号写作 '{{{{'",
        "Unclosed '{{' in \"{text}\"; write '{{{{' for a literal brace");
    public static readonly Message BadInterpolation = new(Codes.BadInterpolation, ["expression", "reason"], "{{{expression}}} 中的表达式有误：{reason}", "Bad expression in {{{expression}}}: {reason}");
    public static readonly Message InInterpolation = new(null, ["expression", "reason"], "在 {{{expression}}} 中：{reason}", "In {{{expression}}}: {reason}");
    public static readonly Message LambdaMisplaced = new(Codes.LambdaMisplaced, ["parameter", "functions"], "lambda（'{parameter} => …'）只能作为以下函数的参数：{functions}",
        "A lambda ('{parameter} => …') is only allowed as an argument of {functions}");
    public static readonly Message RoleNeeds = new(Codes.TypeMismatch, ["role", "needs", "got"], "类型不匹配：{role} 需要{needs}，实际为 {got}", "Type mismatch: {role} needs {needs}, got {got}");
    public static readonly Message UnknownName = new(Codes.UnknownName, ["name", "hint"], "未知名称 '{name}'{hint}", "Unknown name '{name}'{hint}");
    public static readonly Message ReadElementsWith = new(Codes.TypeMismatch, ["path", "type"], "类型不匹配：'{path}' 为 {type}；请用 count()、all() 或 any() 等函数读取其元素",
        "Type mismatch: '{path}' is a {type}; read its elements with a function such as count(), all() or any()");
    public static readonly Message NoMember = new(Codes.TypeMismatch, ["path", "type", "member"], "类型不匹配：'{path}' 为 {type}，没有成员 '{member}'", "Type mismatch: '{path}' is a {type} and has no member '{member}'");
    public static readonly Message IndexedByString = new(Codes.TypeMismatch, ["path", "got"], "类型不匹配：'{path}' 以字符串为下标，实际为 {got}", "Type mismatch: '{path}' is indexed by a string, got {got}");
    public static readonly Message IndexedByNumber = new(Codes.TypeMismatch, ["path", "got"], "类型不匹配：'{path}' 以数字为下标，实际为 {got}", "Type mismatch: '{path}' is indexed by a number, got {got}");
    public static readonly Message CannotIndex = new(Codes.TypeMismatch, ["path", "type"], "类型不匹配：'{path}' 为 {type}，不能用下标访问", "Type mismatch: '{path}' is a {type} and cannot be indexed");
    public static readonly Message OperatorNeeds = new(Codes.TypeMismatch, ["operator", "needs", "got"], "类型不匹配：'{operator}' 需要{needs}，实际为 {got}", "Type mismatch: '{operator}' needs {needs}, got {got}");
    public static readonly Message NeedsBoolOperands = new(Codes.TypeMismatch, ["operator", "left", "right"], "类型不匹配：'{operator}' 需要 bool 操作数，实际为 {left} 与 {right}",
        "Type mismatch: '{operator}' needs bool operands, got {left} and {right}");
    public static readonly Message CannotCompare = new(Codes.TypeMismatch, ["left", "right", "hint"], "类型不匹配：无法比较 {left} 与 {right}{hint}", "Type mismatch: cannot compare {left} with {right}{hint}");
    public static readonly Message GiveItAUnit = new(null, ["example"], "；请给数字加单位，如 {example}", "; give the number a unit, e.g. {example}");
    public static readonly Message GiveAUnit = new(null, "；请给数字加单位，如 40 GiB 或 200 ms", "; give the number a unit, such as 40 GiB or 200 ms");
    public static readonly Message CannotOrder = new(Codes.TypeMismatch, ["operator", "type"], "类型不匹配：'{operator}' 无法对 {type} 类型的值排序", "Type mismatch: '{operator}' cannot order values of type {type}");
    public static readonly Message CannotCompareType = new(Codes.TypeMismatch, ["operator", "type"], "类型不匹配：'{operator}' 无法比较 {type} 类型的值", "Type mismatch: '{operator}' cannot compare values of type {type}");
    public static readonly Message CannotLookFor = new(Codes.TypeMismatch, ["left", "right"], "类型不匹配：无法在 {right} 中查找 {left}", "Type mismatch: cannot look for {left} in a {right}");
    public static readonly Message InNeeds = new(Codes.TypeMismatch, ["got"], "类型不匹配：'in' 右侧需要列表、映射或字符串，实际为 {got}", "Type mismatch: 'in' needs a list, map or string on its right, got {got}");
    public static readonly Message MatchesNeedsLiteral = new(Codes.TypeMismatch, "类型不匹配：'matches' 需要字符串字面量形式的模式", "Type mismatch: 'matches' needs a string literal pattern");
    public static readonly Message MatchesNeedsString = new(Codes.TypeMismatch, ["got"], "类型不匹配：'matches' 左侧需要字符串，实际为 {got}", "Type mismatch: 'matches' needs a string on its left, got {got}");
    public static readonly Message BadRegex = new(Codes.BadRegex, ["reason"], "无效的正则表达式：{reason}", "Invalid regular expression: {reason}");
    public static readonly Message CannotApply = new(Codes.TypeMismatch, ["operator", "left", "right"], "类型不匹配：无法对 {left} 和 {right} 使用 '{operator}'", "Type mismatch: cannot apply '{operator}' to {left} and {right}");
    public static readonly Message ListOfOneType = new(Codes.TypeMismatch, ["types"], "类型不匹配：列表只能包含一种类型，实际为 {types}", "Type mismatch: a list holds one type, got {types}");

    // "needs …" phrases, arguments of the type-mismatch messages above.
    public static readonly Message AString = new(null, "字符串", "a string");
    public static readonly Message ANumber = new(null, "数字", "a number");
    public static readonly Message ABool = new(null, "bool 值", "a bool");
    public static readonly Message ANumeric = new(null, "数字、大小或时长", "a number, size or duration");
    public static readonly Message AStringOrList = new(null, "字符串或列表", "a string or a list");
    public static readonly Message ADate = new(null, "日期", "a date");
    public static readonly Message AList = new(null, "列表", "a list");
    public static readonly Message ANumericList = new(null, "由数字、大小或时长组成的列表", "a list of numbers, sizes or durations");
    public static readonly Message AType = new(null, ["type"], "{type} 类型的值", "a {type}");
    public static readonly Message AnType = new(null, ["type"], "{type} 类型的值", "an {type}");

    // ---- tailoring (IQ3xxx) ----
    public static readonly Message ExtendsCycle = new(Codes.ExtendsCycle, ["cycle"], "检查单之间循环继承：{cycle}", "Checklists extend each other in a cycle: {cycle}");
    public static readonly Message BaseSyntaxError = new(Codes.Unexpected, "基础检查单中有语法错误（此处不引用其文本）", "Syntax error in the base checklist (its text is not quoted here)");
    public static readonly Message ExtendsTooDeep = new(Codes.ExtendsCycle, ["max"], "extends 层级过多（超过 {max} 层）", "Too many levels of extends (more than {max})");
    public static readonly Message BaseNotFound = new(Codes.BaseNotFound, ["name"], "找不到基础检查单：{name}", "Base checklist not found: {name}");

    // ---- scripts (IQ5xxx) ----
    public static readonly Message ScriptCompile = new(Codes.ScriptCompile, ["id", "message"], "C# {id}：{message}", "C# {id}: {message}");
}
