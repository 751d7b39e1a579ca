using Iq.Rules.Ast;
using Iq.Rules.Compilation;
using Iq.Rules.Diagnostics;
using Iq.Rules.Messages;
using Iq.Rules.Model;
using Iq.Rules.Runtime;
using Iq.Rules.Syntax;

namespace Iq.Rules.Binding;

/// <summary>Merged syntax to rule model: params folded, names and types checked, tailoring applied,
/// items put in dependency order. Reports all it finds.</summary>
sealed class Binder
{
    readonly MergedChecklist _checklist;
    readonly IFactSchema _schema;
    readonly DiagnosticBag _diagnostics;
    readonly Dictionary<string, SourceSpan> _ids = new(StringComparer.Ordinal);
    readonly Dictionary<string, string> _disabled = new(StringComparer.Ordinal);
    readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    BindingScope _scope = null!;

    Binder(MergedChecklist checklist, IFactSchema schema, DiagnosticBag diagnostics)
    {
        _checklist = checklist;
        _schema = schema;
        _diagnostics = diagnostics;
    }

    public static ChecklistModel? Bind(MergedChecklist checklist, IFactSchema schema, CompileOptions options, DiagnosticBag diagnostics) =>
        new Binder(checklist, schema, diagnostics).Run(options);

    /// <summary>Binds the checklist, then one more expression in its scope (its params and lets).</summary>
    public static (ChecklistModel?, BoundExpr?) BindWith(MergedChecklist checklist, IFactSchema schema, CompileOptions options,
        Expr extra, DiagnosticBag diagnostics)
    {
        var binder = new Binder(checklist, schema, diagnostics);
        var model = binder.Run(options);
        if (model is null) return (null, null);
        var bound = new ExpressionBinder(binder._scope, diagnostics).Bind(extra);
        binder.CheckItemReferences(model.Items.ToList());
        if (bound is null || diagnostics.HasErrors) return (model, null);
        // Lets first used by the expression were bound just now: the model must carry them.
        return (model with { Lets = binder._scope.Lets }, bound);
    }

    ChecklistModel? Run(CompileOptions options)
    {
        var parameters = BindParams(options);
        _scope = new BindingScope(_schema, parameters.ToDictionary(p => p.Name), options.AllowScripts);
        DeclareLets(_checklist.Declarations);
        CollectIds(_checklist.Declarations);
        ApplyTailoring();
        var scoring = BindScoring(_checklist.Scoring, parameters);
        if (_checklist.Base is { } b)
        {
            // The base's own scoring, bound quietly (its errors were its own file's, reported when it is compiled).
            var baseScoring = BindScoring(b.Scoring, _baseParams ?? parameters, quiet: true);
            var tailoring = new ScoringTailoring(_checklist.Root.Header.Id, b.Id, b.Version, baseScoring.PassAt, baseScoring.Veto,
                scoring.PassAt, scoring.Veto);
            if (tailoring.PassAtLowered || tailoring.VetoLoosened) scoring = scoring with { Tailoring = tailoring };
        }

        var rootSpan = _checklist.Root.Span;
        var root = new SectionModel("", _checklist.Title, 1, null, BindMembers(_checklist.Declarations, "", null), rootSpan);
        foreach (var name in _scope.LetNames.ToList()) _scope.TryBindLet(name, rootSpan, _diagnostics, out _);

        var items = root.AllItems().ToList();
        CheckItemReferences(items);
        if (_diagnostics.HasErrors) return null;
        var order = DependencyOrder(items);
        if (order is null) return null;
        return new ChecklistModel(_checklist.Root.Header.Id, _checklist.Title, _checklist.Version, scoring, parameters,
            _scope.Lets, root, order, _scope.Scripts, _checklist.Sources)
            { Base = _checklist.Base is { } tailored ? new ChecklistBase(tailored.Id, tailored.Version) : null };
    }

    void CheckItemReferences(IReadOnlyList<ItemModel> items)
    {
        foreach (var (id, span) in _scope.ItemReferences)
            if (!items.Any(i => i.Id == id))
            {
                _diagnostics.Error(Msg.UnknownItem.With(id, Localized.DidYouMean(id, items.Select(i => i.Id))), span);
            }
        _scope.ItemReferences.Clear();
    }

    // ---- params ----

    /// <summary>The params before the tailoring's own <c>set</c>s and any <c>--set</c>: what its base's pass mark reads.</summary>
    List<ParamModel>? _baseParams;

    List<ParamModel> BindParams(CompileOptions options)
    {
        var result = new List<ParamModel>();
        var constants = new BindingScope(new EmptySchema(), new Dictionary<string, ParamModel>(), false);
        // Params declared as a percent (their default is written 95%): a share, from 0% to 100% wherever it is set.
        var percents = new HashSet<string>(StringComparer.Ordinal);
        // Params declared `: count`: a number of things, a whole number ≥ 0 wherever it is set (default, set, --set).
        var counts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in _checklist.Declarations.OfType<ParamSyntax>())
        {
            if (result.Any(r => r.Name == p.Name))
            {
                _diagnostics.Error(Msg.DuplicateParam.With(p.Name), p.Span);
                continue;
            }
            var declared = p.TypeName is null ? null : p.TypeName == CountName ? IqType.Number : IqType.FromName(p.TypeName);
            var value = Fold(p.Value, constants, Msg.RoleParam.With(p.Name));
            if (value is null)
            {
                Refused(p, declared ?? IqType.Any, null);
                continue;
            }
            if (declared is not null && value.Type != declared)
            {
                _diagnostics.Error(Msg.ParamDeclaredAs.With(p.Name, declared, value.Type, UnitHint(declared, value)),
                    ExpressionBinder.StartOf(p.Value));
                Refused(p, declared, value.Value);
                continue;
            }
            if (Negative(value))
            {
                _diagnostics.Error(Msg.ParamNegative.With(p.Name, value.Type), ExpressionBinder.StartOf(p.Value));
                Refused(p, value.Type, value.Value);
                continue;
            }
            if (p.TypeName == CountName)
            {
                counts.Add(p.Name);
                if (!ACount(value.Value))
                {
                    _diagnostics.Error(Msg.ParamNotACount.With(p.Name, ExprPrinter.Print(p.Value)), ExpressionBinder.StartOf(p.Value));
                    Refused(p, value.Type, value.Value);
                    continue;
                }
            }
            if (WrittenAsPercent(p.Value))
            {
                percents.Add(p.Name);
                if (!AShare(value.Value))
                {
                    _diagnostics.Error(Msg.ParamPercentRange.With(p.Name, ExprPrinter.Print(p.Value)), ExpressionBinder.StartOf(p.Value));
                    Refused(p, value.Type, value.Value);
                    continue;
                }
            }
            result.Add(new ParamModel(p.Name, value.Type, value.Value!, ExprPrinter.Print(p.Value), p.ToolDefault ? ParamModel.ToolDefault : "default"));
        }
        // A param whose value is refused is still declared, with its type, for the items that use it: its one error is the
        // diagnostic, not a follow-on "unknown name" at each use (the refusal stops the compile before anything runs).
        void Refused(ParamSyntax p, IqType type, object? value) =>
            result.Add(new ParamModel(p.Name, type, value ?? 0d, ExprPrinter.Print(p.Value), "refused"));
        foreach (var set in _checklist.Sets)
        {
            // The params as the base leaves them, before the tailoring's own sets: its pass mark is the base's.
            if (_checklist.Root.Header.Settings.Contains(set)) _baseParams ??= [.. result];
            var index = result.FindIndex(r => r.Name == set.Name);
            if (index < 0)
            {
                var hint = Localized.DidYouMean(set.Name, result.Select(r => r.Name));
                _diagnostics.Error(Msg.UnknownParamInSet.With(set.Name, hint), set.Span);
                continue;
            }
            var value = Fold(set.Value, constants, Msg.RoleParam.With(set.Name));
            if (value is null) continue;
            if (value.Type != result[index].Type)
            {
                _diagnostics.Error(Msg.ParamIs.With(set.Name, result[index].Type, value.Type, UnitHint(result[index].Type, value)),
                    ExpressionBinder.StartOf(set.Value));
                continue;
            }
            if (Negative(value))
            {
                _diagnostics.Error(Msg.ParamNegative.With(set.Name, value.Type), ExpressionBinder.StartOf(set.Value));
                continue;
            }
            if (counts.Contains(set.Name) && !ACount(value.Value))
            {
                _diagnostics.Error(Msg.ParamNotACount.With(set.Name, ExprPrinter.Print(set.Value)), ExpressionBinder.StartOf(set.Value));
                continue;
            }
            if (percents.Contains(set.Name) && !AShare(value.Value))
            {
                _diagnostics.Error(Msg.ParamPercentRange.With(set.Name, ExprPrinter.Print(set.Value)), ExpressionBinder.StartOf(set.Value));
                continue;
            }
            result[index] = result[index] with { Value = value.Value!, Display = ExprPrinter.Print(set.Value), Origin = $"set in {set.Span.File}" };
        }
        _baseParams ??= [.. result];
        foreach (var (name, text) in options.ParamOverrides)
        {
            var index = result.FindIndex(r => r.Name == name);
            var where = new SourceSpan("<command line>", 1, 1);
            if (index < 0)
            {
                if (options.IgnoreUndeclaredOverrides) continue;
                _diagnostics.Error(Msg.UnknownParamInOption.With(name, Localized.DidYouMean(name, result.Select(r => r.Name))), where);
                continue;
            }
            var value = FoldOverride(name, text, result[index].Type, constants, percents.Contains(name), counts.Contains(name));
            if (value is not null)
                result[index] = result[index] with { Value = value, Display = text, Origin = "--set" };
        }
        return result;
    }

    /// <summary>A size or a duration below zero: an amount that cannot be (a requirement of -5 GiB passes everything).</summary>
    static bool Negative(BoundLiteral value) =>
        (value.Type == IqType.Size || value.Type == IqType.Duration) && value.Value is double d && (d < 0 || !double.IsFinite(d));

    /// <summary>A percent literal (95%), or one negated: how a param says its value is a share.</summary>
    static bool WrittenAsPercent(Expr e) => e switch
    {
        LiteralExpr { Kind: LiteralKind.Number } l => l.Text.EndsWith('%'),
        UnaryExpr { Operator: "-" } u => WrittenAsPercent(u.Operand),
        _ => false,
    };

    /// <summary>0% to 100% (a percent literal is its value / 100); NaN is none.</summary>
    static bool AShare(object? value) => value is double d && d >= 0 && d <= 1;

    /// <summary>The type name a param declares to be a count (<c>param min_logical_cores: count = 64</c>).</summary>
    const string CountName = "count";

    /// <summary>A whole number, 0 or more: how many of something (NaN and infinities are none).</summary>
    static bool ACount(object? value) => value is double d && d >= 0 && double.IsFinite(d) && Math.Floor(d) == d;

    object? FoldOverride(string name, string text, IqType type, BindingScope constants, bool percent, bool count)
    {
        var where = new SourceSpan("<command line>", 1, 1);
        if (type == IqType.String && !text.StartsWith('"')) return text;
        if (type == IqType.Version)
            return IqVersion.TryParse(text.Trim('"'), out var v) ? v : Fail(Msg.SetNotAVersion.With(name, text));
        var inner = new DiagnosticBag();
        var expr = ChecklistParser.ParseExpression(text, "<command line>", inner);
        var folded = expr is null ? null : Fold(expr, constants, Msg.RoleParam.With(name), inner);
        if (folded is null)
            return Fail(Msg.SetNotOfType.With(name, text, type, (object?)inner.Items.FirstOrDefault()?.Text ?? Msg.NotAConstant.Text));
        if (folded.Type != type) return Fail(Msg.SetWrongType.With(name, type, folded.Type, UnitHint(type, folded)));
        if (Negative(folded)) return Fail(Msg.SetNegative.With(name, text, type));
        if (percent && !AShare(folded.Value)) return Fail(Msg.SetPercentRange.With(name, text));
        if (count && !ACount(folded.Value)) return Fail(Msg.SetNotACount.With(name, text));
        return folded.Value;

        object? Fail(MessageText message)
        {
            _diagnostics.Error(message, where);
            return null;
        }
    }

    /// <summary>Evaluates a constant expression (literals, units, negation, version(), date(), lists of these).</summary>
    BoundLiteral? Fold(Expr e, BindingScope constants, object role, DiagnosticBag? into = null)
    {
        var diagnostics = into ?? _diagnostics;
        if (!LooksConstant(e))
        {
            diagnostics.Error(Msg.MustBeConstant.With(role), ExpressionBinder.StartOf(e));
            return null;
        }
        var bound = new ExpressionBinder(constants, diagnostics).Bind(e);
        switch (bound)
        {
            case null: return null;
            case BoundLiteral l: return l;
            case BoundList list when list.Items.All(i => i is BoundLiteral):
                return new BoundLiteral(list.Items.Select(i => ((BoundLiteral)i).Value).ToArray(), list.Type, list.Span);
            default:
                diagnostics.Error(Msg.MustBeConstant.With(role), e.Span);
                return null;
        }
    }

    static bool LooksConstant(Expr e) => e switch
    {
        LiteralExpr => true,
        UnaryExpr u => LooksConstant(u.Operand),
        ListExpr l => l.Items.All(LooksConstant),
        CallExpr { Function: "version" or "date", Arguments.Count: 1 } c => c.Arguments[0] is LiteralExpr,
        _ => false,
    };

    sealed class EmptySchema : IFactSchema
    {
        public IReadOnlyList<FactRoot> Roots => [];
    }

    // ---- declarations ----

    void DeclareLets(IEnumerable<Declaration> declarations)
    {
        foreach (var d in declarations)
        {
            if (d is LetSyntax let)
            {
                if (_scope.Params.ContainsKey(let.Name) || _scope.Roots.ContainsKey(let.Name) || !_scope.DeclareLet(let))
                    _diagnostics.Error(Msg.DuplicateLet.With(let.Name), let.Span);
            }
            else if (d is SectionSyntax s) DeclareLets(s.Members);
        }
    }

    void CollectIds(IEnumerable<Declaration> declarations)
    {
        foreach (var d in declarations)
        {
            var (id, span) = d switch
            {
                SectionSyntax s => (s.Id, s.Span),
                ItemSyntax i => (i.Id, i.Span),
                _ => ((string?)null, d.Span),
            };
            if (id is null) continue;
            // An invisible format character (Unicode Cf: U+200B zero-width space, U+202E right-to-left override…) would
            // make two ids that read the same, or one that reads as another, in every report: refused as NUL is.
            if (id.Any(Invisible))
                _diagnostics.Error(Msg.IdFormatCharacter.With(string.Concat(id.Select(c => Invisible(c) ? $"<U+{(int)c:X4}>" : c.ToString())),
                    $"U+{(int)id.First(Invisible):X4}"), span);
            if (!_ids.TryAdd(id, span))
            {
                // The first may be in the base checklist: its line alone would point into the wrong file.
                var first = _ids[id];
                _diagnostics.Error(first.File == span.File ? Msg.DuplicateId.With(id, first.Line, first.Column)
                    : Msg.DuplicateIdInFile.With(id, Path.GetFileName(first.File), first.Line, first.Column), span);
            }
            if (d is SectionSyntax section) CollectIds(section.Members);
        }
    }

    static bool Invisible(char c) => char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format;

    void ApplyTailoring()
    {
        if (_checklist.Root.Header.Extends is null)
            foreach (var s in _checklist.Root.Header.Settings.Where(s => s is SetSetting or DisableSetting or ReweightSetting))
                _diagnostics.Error(Msg.TailoringWithoutBase.Text, s.Span);
        foreach (var d in _checklist.Disables)
            if (Known(d.Id, d.Span)) _disabled[d.Id] = d.Reason;
        foreach (var w in _checklist.Reweights)
            if (Known(w.Id, w.Span) && Weight(w.Weight) is { } weight) _weights[w.Id] = weight;

        bool Known(string id, SourceSpan span)
        {
            if (_ids.ContainsKey(id)) return true;
            var hint = Localized.DidYouMean(id, _ids.Keys);
            _diagnostics.Error(Msg.UnknownTailoringTarget.With(id, hint), span);
            return false;
        }
    }

    double? Weight(LiteralExpr? literal)
    {
        if (literal is null) return null;
        if (literal.Value is double d && d >= 0 && double.IsFinite(d)) return d;
        _diagnostics.Error(Msg.BadWeight.With(literal.Text), literal.Span);
        return null;
    }

    ScoringSpec BindScoring(ScoringSetting? s, IReadOnlyList<ParamModel> parameters, bool quiet = false)
    {
        if (s is null) return ScoringSpec.Default;
        if (quiet)
        {
            var quietPassAt = s.PassAt is { Value: double q } ? q
                : s.PassAtParam is var (n, _) && parameters.FirstOrDefault(p => p.Name == n)?.Value is double v ? v
                : ScoringSpec.Default.PassAt;
            return new ScoringSpec(s.Model, quietPassAt, s.Veto is null ? null : ParseLevel(s.Veto));
        }
        if (!ScoringSpec.Models.Contains(s.Model))
            _diagnostics.Error(Msg.UnknownScoring.With(s.Model, Localized.OrList(ScoringSpec.Models)), s.Span);
        var passAt = ScoringSpec.Default.PassAt;
        if (s.PassAtParam is var (name, span))
        {
            var param = parameters.FirstOrDefault(p => p.Name == name);
            if (param is null)
                _diagnostics.Error(Msg.PassAtNoParam.With(name, Localized.DidYouMean(name, parameters.Select(p => p.Name))), span);
            else if (param.Value is not double v || v is < 0 or > 100)
                _diagnostics.Error(Msg.PassAtParamRange.With(name, param.Display), span);
            else passAt = v;
        }
        if (s.PassAt is { Value: double p })
        {
            if (p is < 0 or > 100) _diagnostics.Error(Msg.PassAtRange.With(s.PassAt.Text), s.PassAt.Span);
            passAt = p;
        }
        return new ScoringSpec(s.Model, passAt, s.Veto is null ? null : ParseLevel(s.Veto));
    }

    /// <summary>A bare number where a size or a duration is wanted: the same number with a unit, as the fix.</summary>
    static ILocalized UnitHint(IqType wanted, BoundExpr value) =>
        value.Type == IqType.Number && value is BoundLiteral { Value: double n } && (wanted == IqType.Size || wanted == IqType.Duration)
            ? Msg.GiveItAUnit.With(n.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + (wanted == IqType.Duration ? " d" : " GiB"))
            : Localized.Empty;

    static Level ParseLevel(string level) => level switch { "shall" => Level.Shall, "should" => Level.Should, _ => Level.May };

    List<RuleNode> BindMembers(IEnumerable<Declaration> declarations, string sectionId, string? disabled)
    {
        var nodes = new List<RuleNode>();
        foreach (var d in declarations)
        {
            if (d is SectionSyntax s)
            {
                var reason = disabled ?? (_disabled.TryGetValue(s.Id, out var r) ? r : null);
                var weight = _weights.TryGetValue(s.Id, out var w) ? w : Weight(s.Weight) ?? 1;
                nodes.Add(new SectionModel(s.Id, s.Title, weight, reason, BindMembers(s.Members, s.Id, reason), s.Span));
            }
            else if (d is ItemSyntax i && BindItem(i, sectionId, disabled) is { } item)
                nodes.Add(item);
        }
        return nodes;
    }

    ItemModel? BindItem(ItemSyntax item, string sectionId, string? disabled)
    {
        var binder = new ExpressionBinder(_scope, _diagnostics);
        var errorsBefore = _diagnostics.Items.Count;
        string? variable = null;
        BoundExpr? source = null;
        IDisposable? element = null;
        if (item.Foreach is { } fe)
        {
            variable = fe.Variable;
            source = binder.Bind(fe.Source);
            if (source is not null && source.Type is not ListType && source.Type != IqType.Any)
            {
                _diagnostics.Error(Msg.ForeachNeedsList.With(source.Type), ExpressionBinder.StartOf(fe.Source));
                source = null;
            }
            var elementType = source?.Type is ListType l ? l.Element : IqType.Any;
            element = binder.WithElement(fe.Variable, elementType, $"{fe.Variable}");
        }
        using (element)
        {
            var seen = new HashSet<string>();
            Level level = Level.Shall;
            string clause = "";
            double weight = 1;
            var expectations = new List<ConditionModel>();
            ConditionModel? when = null;
            BoundExpr? score = null;
            TextTemplate? fix = null;
            TextTemplate? whenReason = null;
            string? emptyReason = null;
            string? manual = null;
            var informational = false;
            RequiresClause? requires = null;
            var requiredPaths = new List<(string Path, SourceSpan Span)>();
            foreach (var c in item.Clauses)
            {
                if (c is not ExpectClause && !seen.Add(c.Keyword))
                {
                    _diagnostics.Error(Msg.DuplicateClause.With(c.Keyword, item.Id), c.Span);
                    continue;
                }
                switch (c)
                {
                    case LevelClause l: level = ParseLevel(l.Level); break;
                    case RefClause r: clause = r.Reference; break;
                    case WeightClause w: weight = Weight(w.Weight) ?? 1; break;
                    case ExpectClause e:
                        // An informational item records values; any type will do there.
                        var recordsOnly = item.Clauses.Any(x => x is InformationalClause);
                        if ((recordsOnly ? binder.Bind(e.Condition) : binder.BindAs(e.Condition, IqType.Bool, "'expect'")) is { } cond)
                            expectations.Add(new ConditionModel(ExprPrinter.Print(e.Condition), cond));
                        break;
                    case WhenClause w:
                        if (binder.BindAs(w.Condition, IqType.Bool, "'when'") is { } applies)
                            when = new ConditionModel(ExprPrinter.Print(w.Condition), applies);
                        if (w.Reason is not null) whenReason = Template(w.Reason, w.Span, binder);
                        break;
                    case EmptyClause e:
                        if (item.Foreach is null)
                            _diagnostics.Error(Msg.EmptyWithoutForeach.With(item.Id), e.Span);
                        emptyReason = e.Reason;
                        break;
                    case ScoreClause s: score = binder.BindAs(s.Score, IqType.Number, "'score'"); break;
                    case FixClause f: fix = Template(f.Text, f.Span, binder); break;
                    case ManualClause m: manual = m.Guidance; break;
                    case InformationalClause: informational = true; break;
                    case RequiresClause q:
                        requires = q;
                        foreach (var p in q.Paths)
                            if (binder.Bind(p) is { } bound)
                            {
                                // Errors point at the path's start, not its last member.
                                var start = p;
                                while (start is MemberExpr m) start = m.Target;
                                if (ReadPathsOf.Chain(bound, null) is { } path) requiredPaths.Add((path, start.Span));
                                else _diagnostics.Error(Msg.RequiresNeedsPaths.Text, p.Span);
                            }
                        break;
                }
            }
            var hasChecks = item.Clauses.Any(c => c is ExpectClause or ScoreClause);
            if (manual is not null && hasChecks)
                _diagnostics.Error(Msg.ManualWithChecks.With(item.Id), item.Span);
            else if (manual is null && !hasChecks && !informational)
                _diagnostics.Error(Msg.NothingToEvaluate.With(item.Id), item.Span);

            var idTemplate = Template(item.Id, item.Span, binder);
            var titleTemplate = Template(item.Title, item.Span, binder);
            if (_diagnostics.Items.Count > errorsBefore) return null;
            var reason = disabled ?? (_disabled.TryGetValue(item.Id, out var r2) ? r2 : null);
            if (_weights.TryGetValue(item.Id, out var w2)) weight = w2;
            var conditions = expectations.Select(e => e.Expression).Concat(when is null ? [] : [when.Expression])
                .Concat(score is null ? [] : [score]).ToList();
            var dependsOn = conditions.SelectMany(BoundTree.Descendants).OfType<BoundItemRef>().Select(r => r.ItemId).Distinct().ToList();
            var (readPaths, keyedReads) = ReadPathsOf.Compute(source is null ? conditions : conditions.Append(source), source, _scope);
            if (manual is null && !informational)
                NeverFails.Check(item.Id, item.Span, expectations.Select(e => e.Expression).ToList(), score, readPaths, conditions, _diagnostics);
            // A manual item with a `when` reads facts all the same: its n/a rests on them, and may require their provenance.
            if (requires is not null && manual is not null && when is null)
                _diagnostics.Error(Msg.RequiresOnManual.With(item.Id), requires.Span);
            foreach (var (path, span) in requiredPaths.Where(r => !readPaths.Any(p => ReadPathsOf.Overlap(p, r.Path))))
                _diagnostics.Error(Msg.RequiresUnread.With(path, item.Id,
                    readPaths.Count > 0 ? Msg.RequiresItReads.With(string.Join(", ", readPaths)) : Localized.Empty), span);
            if (_diagnostics.Items.Count > errorsBefore) return null;
            return new ItemModel(item.Id, item.Title, weight, reason, item.Span, sectionId, level, clause, idTemplate, titleTemplate,
                expectations, when, score, fix, manual, informational, variable, source, dependsOn)
            {
                Reads = Reads(source is null ? conditions : conditions.Append(source)),
                ReadPaths = readPaths,
                GuardPaths = Guards(readPaths, ReadPathsOf.Compared(expectations.Select(e => e.Expression).Concat(score is null ? [] : [score]), source, _scope)),
                KeyedReads = keyedReads,
                Requires = requires is null ? null
                    : new ProvenanceRequirement(requires.Provenances.Select(p => ProvenanceNames.Parse(p)!.Value).Distinct().ToList(),
                        requiredPaths.Select(r => r.Path).Distinct().ToList()),
                WhenReason = whenReason,
                EmptyReason = emptyReason,
            };
        }
    }

    /// <summary>The read paths an item does not compare (<see cref="ItemModel.GuardPaths"/>).</summary>
    static IReadOnlyList<string> Guards(IReadOnlyList<string> read, IReadOnlyList<string> compared)
    {
        var set = new HashSet<string>(compared, StringComparer.Ordinal);
        return read.Where(p => !set.Contains(p)).ToList();
    }

    /// <summary>The fact roots that expressions read, directly or through lets, in name order.</summary>
    IReadOnlyList<FactRoot> Reads(IEnumerable<BoundExpr> expressions)
    {
        var roots = new SortedDictionary<string, FactRoot>(StringComparer.Ordinal);
        var lets = new HashSet<int>();
        var pending = new Stack<BoundExpr>(expressions);
        while (pending.Count > 0)
            foreach (var e in BoundTree.Descendants(pending.Pop()))
            {
                if (e is BoundRoot r) roots.TryAdd(r.Name, _scope.Roots[r.Name].Root);
                else if (e is BoundLet l && lets.Add(l.Index) && _scope.LetValue(l.Index) is { } value) pending.Push(value);
            }
        return roots.Values.ToList();
    }

    /// <summary>Splits "text {expr} text" into parts; <c>{{</c> and <c>}}</c> are literal braces.</summary>
    TextTemplate Template(string text, SourceSpan span, ExpressionBinder binder)
    {
        if (!text.Contains('{') && !text.Contains('}')) return TextTemplate.Of(text);
        var parts = new List<object>();
        var literal = new System.Text.StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '{' or '}' && i + 1 < text.Length && text[i + 1] == c) { literal.Append(c); i++; continue; }
            if (c == '}')
            {
                _diagnostics.Error(Msg.UnmatchedCloseBrace.With(text), span);
                return TextTemplate.Of(text);
            }
            if (c != '{') { literal.Append(c); continue; }
            var close = text.IndexOf('}', i + 1);
            if (close < 0)
            {
                _diagnostics.Error(Msg.UnclosedOpenBrace.With(text), span);
                return TextTemplate.Of(text);
            }
            if (literal.Length > 0) { parts.Add(literal.ToString()); literal.Clear(); }
            var inner = new DiagnosticBag();
            var expr = ChecklistParser.ParseExpression(text[(i + 1)..close], span.File, inner);
            if (expr is null)
            {
                _diagnostics.Error(Msg.BadInterpolation.With(text[(i + 1)..close], inner.Items[0].Text), span);
                return TextTemplate.Of(text);
            }
            var bag = new DiagnosticBag();
            var bound = binder.BindInto(expr, bag);
            if (bound is null)
            {
                foreach (var d in bag.Items) _diagnostics.Error(Msg.InInterpolation.With(text[(i + 1)..close], d.Text) with { CodeOf = d.Text }, span);
                return TextTemplate.Of(text);
            }
            parts.Add(bound);
            i = close;
        }
        if (literal.Length > 0) parts.Add(literal.ToString());
        return new TextTemplate(parts);
    }

    // ---- ordering ----

    List<ItemModel>? DependencyOrder(List<ItemModel> items)
    {
        var byId = items.ToDictionary(i => i.Id);
        var state = new Dictionary<string, int>();
        var order = new List<ItemModel>();
        var stack = new List<string>();
        foreach (var item in items)
            if (!Visit(item)) return null;
        return order;

        bool Visit(ItemModel item)
        {
            if (state.TryGetValue(item.Id, out var s))
            {
                if (s == 2) return true;
                var cycle = stack.SkipWhile(x => x != item.Id).Append(item.Id);
                _diagnostics.Error(Msg.ItemCycle.With(string.Join(" → ", cycle)), item.Span);
                return false;
            }
            state[item.Id] = 1;
            stack.Add(item.Id);
            foreach (var dep in item.DependsOn)
                if (!Visit(byId[dep])) return false;
            stack.RemoveAt(stack.Count - 1);
            state[item.Id] = 2;
            order.Add(item);
            return true;
        }
    }
}
