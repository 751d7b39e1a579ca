using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Iq.Rules.Binding;
using Iq.Rules.Model;

namespace Iq.Engine.Facts;

/// <summary>The fact schema as JSON Schema (one per document kind) and as Markdown (docs/facts.md), both generated
/// from <see cref="FactSchema"/> so neither can drift from what the engine checks.</summary>
public static class SchemaDocs
{
    static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string JsonSchema(FactRoot root)
    {
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://iq-rules.example/schema/{root.Kind}.schema.json",
            ["title"] = $"iq fact document: {root.Kind}",
            ["description"] = root.Description,
            ["type"] = "object",
            ["required"] = new JsonArray("kind", "schema", "facts"),
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                ["kind"] = new JsonObject { ["const"] = root.Kind },
                ["schema"] = new JsonObject { ["const"] = FactBundleReader.SchemaVersion },
                ["collected_at"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["host"] = new JsonObject { ["type"] = "string" },
                ["tool"] = new JsonObject { ["type"] = "string" },
                ["comment"] = new JsonObject { ["type"] = "string" },
                ["provenance"] = new JsonObject
                {
                    ["description"] = $"how the document's facts were obtained; {root.Provenance.Name()} when it says nothing. Counts only when an intact seal (FILE.seal) is beside the document, else its facts count as declared",
                    ["enum"] = Provenances(),
                    ["default"] = root.Provenance.Name(),
                },
                ["fact_provenance"] = new JsonObject
                {
                    ["description"] = $"a provenance for the facts at and below a path (e.g. {{\"{root.Name}.…\": \"declared\"}}) where the document mixes them",
                    ["type"] = "object",
                    ["additionalProperties"] = new JsonObject { ["enum"] = Provenances() },
                },
                ["sources"] = new JsonObject
                {
                    ["description"] = "the artefacts the document was derived from (a log, a JUnit report, an SBOM), each with its SHA-256",
                    ["type"] = "array",
                    ["items"] = new JsonObject
                    {
                        ["type"] = "object",
                        ["required"] = new JsonArray("path", "sha256"),
                        ["properties"] = new JsonObject
                        {
                            ["path"] = new JsonObject { ["type"] = "string" },
                            ["sha256"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9a-f]{64}$" },
                            ["size"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                            ["facts"] = new JsonObject
                            {
                                ["description"] = $"the fact paths taken from it (e.g. {root.Name}.…): a result row reading them names the artefact and its SHA-256",
                                ["type"] = "array",
                                ["items"] = new JsonObject { ["type"] = "string" },
                            },
                        },
                    },
                },
                ["facts"] = Type(root.Type, top: true),
            },
            ["$defs"] = new JsonObject
            {
                ["unknown"] = new JsonObject
                {
                    ["description"] = "A fact that could not be read: null, {\"$absent\": why} or {\"$error\": why}. Items reading it end as error. " +
                                      "$code and $args (optional) name the reason in the message catalog (docs/messages.md, IQ7xxx) and its arguments, " +
                                      "so that a report words it in its language; why is its English text, shown when the code is unknown.",
                    ["anyOf"] = new JsonArray(
                        new JsonObject { ["type"] = "null" },
                        Marker("$absent"),
                        Marker("$error")),
                },
                ["quoted_reason"] = QuotedReason(),
            },
        };
        if (root.Kind == "plan")
        {
            var unknown = schema["$defs"]!["unknown"]!;
            unknown["description"] = "A fact that could not be read: null, {\"$absent\": why} or {\"$error\": why} (items reading it end as error; $code and $args as in " +
                "the other kinds); " +
                "or {\"not_applicable\": why}: the plan says this requirement does not apply, and why (items resting on it end as notapplicable, showing the reason).";
            unknown["anyOf"]!.AsArray().Add(new JsonObject
            {
                ["type"] = "object", ["required"] = new JsonArray("not_applicable"), ["additionalProperties"] = false,
                ["properties"] = new JsonObject { ["not_applicable"] = new JsonObject { ["type"] = "string", ["minLength"] = 1 } },
            });
        }
        return schema.ToJsonString(Json) + "\n";
    }

    static JsonNode Type(IqType type, bool top = false)
    {
        JsonNode node = type switch
        {
            ObjectType o => new JsonObject
            {
                ["type"] = "object",
                ["additionalProperties"] = false,
                ["properties"] = new JsonObject(o.Members.Select(m => KeyValuePair.Create(m.Name, (JsonNode?)WithDescription(Type(m.Type), m.Description)))),
            }.WithRequired(o),
            MapType m => new JsonObject { ["type"] = "object", ["additionalProperties"] = Type(m.Value) },
            ListType l => new JsonObject { ["type"] = "array", ["items"] = Type(l.Element) },
            _ when type == IqType.Number => new JsonObject { ["type"] = "number" },
            _ when type == IqType.String => new JsonObject { ["type"] = "string" },
            _ when type == IqType.Bool => new JsonObject { ["type"] = "boolean" },
            _ when type == IqType.Version => new JsonObject { ["type"] = new JsonArray("string", "number"), ["description"] = "a version, e.g. \"24.0.7\"" },
            _ when type == IqType.Date => new JsonObject { ["type"] = "string", ["description"] = "an ISO 8601 date or date-time" },
            _ when type == IqType.Size => new JsonObject { ["type"] = new JsonArray("number", "string"), ["description"] = "bytes, or \"40 GiB\"" },
            _ when type == IqType.Duration => new JsonObject { ["type"] = new JsonArray("number", "string"), ["description"] = "milliseconds, or \"200 ms\"" },
            _ => new JsonObject(),
        };
        return top || type == IqType.Any ? node : new JsonObject { ["anyOf"] = new JsonArray(node, new JsonObject { ["$ref"] = "#/$defs/unknown" }) };
    }

    static JsonNode WithDescription(JsonNode node, string description)
    {
        node["description"] ??= description;
        if (node["anyOf"] is JsonArray) node["description"] = description;
        return node;
    }

    static JsonArray Provenances() => new(ProvenanceNames.All.Select(n => (JsonNode)JsonValue.Create(n)!).ToArray());

    public static string Markdown(IFactSchema schema)
    {
        var sb = new StringBuilder();
        sb.Append("# Fact reference\n\n");
        sb.Append("Generated from the engine's schema (`iq schema --markdown`); a test keeps this file equal to it.\n\n");
        sb.Append("A fact bundle is a folder of JSON documents: `{ \"kind\", \"schema\": 1, \"collected_at\", \"host\", \"tool\", \"facts\": { … } }`.\n");
        sb.Append("What is read: every file of the folder (not its subfolders) whose name ends in `.json`, in lower case, hidden ones\n");
        sb.Append("(`.plan.json`) included, in the order of their names; a `FILE.json.seal` beside one is its seal. A name ending in `.json`\n");
        sb.Append("in another case (`plan.JSON`, `plan.Json`) refuses the bundle, exit 2, naming the file (IQ4003), since it looks like\n");
        sb.Append("evidence that would otherwise be left out unseen. Other files (`README.txt`, `plan.json.bak`) are not documents.\n");
        sb.Append("A document or a seal that is a symbolic link (to another bundle's file, a device, nothing) refuses the bundle the same\n");
        sb.Append("way (IQ4003): a bundle is its own files (docs/trust.md); `iq verify DIR` refuses it too, and looks at the same\n");
        sb.Append("documents the audit reads, hidden ones included. A hard link is the file itself and is read.\n");
        sb.Append("Every command that lists a bundle folder reads and refuses the same names (`BundleFileNames`): `iq fleet run` finds a\n");
        sb.Append("folder holding only a `plan.JSON` as a bundle and records its refusal, and a refused name is part of a bundle's key, so\n");
        sb.Append("a re-run never reuses a result evaluated without it; `iq audit --probe` refuses before anything is measured; `iq seal\n");
        sb.Append("DIR` seals nothing and `iq redact` creates nothing (`iq seal plan.JSON`, naming the file, seals it).\n");
        sb.Append("Each kind supplies one root a checklist reads. Any value may instead be `null`, `{\"$absent\": \"why\"}` or\n");
        sb.Append("`{\"$error\": \"why\"}`: the fact is then missing and the items that read it end as `error` with that reason.\n");
        sb.Append("iq's probes, evidence readers, `iq baseline` and `iq model` also store the reason's code in the message catalog and its arguments,\n");
        sb.Append("`{\"$absent\": \"/proc/mounts not found\", \"$code\": \"IQ7001\", \"$args\": {\"file\": \"/proc/mounts\"}}` (docs/messages.md), so that a\n");
        sb.Append("report shows the reason in its language; `why` stays the English text. An argument that is itself a reason (a tool not\n");
        sb.Append("found, quoted by the reason an audit state is unknown) is stored as `{\"$code\", \"$args\"}` and worded in the same language.\n");
        sb.Append("A `why`, `$code` or `$args` of the wrong type is a malformed document (IQ4002 at its JSON path: `{\"$error\": 5}` is never\n");
        sb.Append("read as \"5\"); a code this iq does not know, or arguments that are not the message's, show the text quoted as the\n");
        sb.Append("document's own words with that code (IQ7000).\n");
        sb.Append("A document that leaves a fact out leaves it missing too: an omission is never `notapplicable`. Only the plan may say a\n");
        sb.Append("requirement does not apply, in place of the value: `{\"not_applicable\": \"reason\"}`; the items resting on it then end as\n");
        sb.Append("`notapplicable` and show the reason. A reason says why: \"n/a\", \"无\", \"不适用\", \"none\" and other words that only answer\n");
        sb.Append("\"does it apply?\" are refused at their JSON path (exit 2), as for a judgment or a model description.\n");
        sb.Append("A bundle may span several folders (`--facts A --facts B`, with the probe's); each kind comes once across all of them.\n");
        sb.Append("A second document of a kind is refused, in whichever order the folders are given (IQ4004, at the second, naming the\n");
        sb.Append("first; exit 2): facts are never merged, and neither document wins. So are two judgments of one item (IQ2004, naming\n");
        sb.Append("both files and both outcomes), whether in the bundle's attestations, `--attestations` files, or one of each.\n");
        sb.Append("A document collected after the audit's day is refused, whatever its kind (IQ4003 at `$.collected_at`, exit 2; `iq fleet`\n");
        sb.Append("records the bundle with that error and goes on): the audit would state what the system was before its evidence existed.\n");
        sb.Append("The audit's day is `--as-of`'s date (the whole day, in the offset it is given in, UTC when none); without `--as-of`, now,\n");
        sb.Append($"with {FactBundleReader.ClockSkewTolerance.TotalMinutes:0} minutes' tolerance for a collecting host whose clock runs ahead (`FactBundleReader.ClockSkewTolerance`).\n");
        sb.Append("Sizes are bytes or strings such as `\"40 GiB\"`; durations milliseconds or `\"200 ms\"`; versions strings.\n");
        sb.Append("JSON Schemas: `docs/schema/<kind>.schema.json` (`iq schema --kind <kind>`).\n\n");
        sb.Append("Provenance: each document says how its facts were obtained — `measured` (by iq on the host), `imported` (another\n");
        sb.Append("tool's output), `reviewed` (an assessor's attestation), `declared` (the vendor's word) — in `\"provenance\"` (each kind\n");
        sb.Append("has a default, below), with `\"fact_provenance\": {\"PATH\": \"declared\"}` for facts obtained otherwise, and\n");
        sb.Append("`\"sources\": [{\"path\", \"sha256\", \"facts\"}]` for the artefacts it was derived from (`facts`: the paths taken from\n");
        sb.Append("one, which a result row reading them names with the artefact's SHA-256). The word counts only when the document's\n");
        sb.Append("seal (`FILE.seal`, written by iq beside every document it writes) is intact; else its facts count as declared\n");
        sb.Append("(docs/trust.md).\n\n");
        foreach (var root in schema.Roots)
        {
            sb.Append($"## `{root.Name}` — kind `{root.Kind}`\n\n{root.Description}. Provenance: {root.Provenance.Name()}.\n\n");
            sb.Append("| path | type | meaning |\n|---|---|---|\n");
            Rows(sb, root.Name, root.Type, root.Description, 0);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    static void Rows(StringBuilder sb, string path, IqType type, string description, int depth)
    {
        if (depth > 0 || type is not ObjectType) sb.Append($"| `{path}` | {type.Name} | {description} |\n");
        switch (type)
        {
            case ObjectType o:
                foreach (var m in o.Members) Rows(sb, $"{path}.{m.Name}", m.Type, m.Description, depth + 1);
                break;
            case ListType { Element: ObjectType eo }:
                foreach (var m in eo.Members) Rows(sb, $"{path}[].{m.Name}", m.Type, m.Description, depth + 1);
                break;
            case MapType { Value: ObjectType mo }:
                foreach (var m in mo.Members) Rows(sb, $"{path}[\"name\"].{m.Name}", m.Type, m.Description, depth + 1);
                break;
        }
    }

    /// <summary>{"$absent"|"$error": why}, with the reason's optional catalog code and arguments.</summary>
    static JsonObject Marker(string name) => new()
    {
        ["type"] = "object",
        ["required"] = new JsonArray(name),
        ["properties"] = new JsonObject
        {
            [name] = new JsonObject { ["type"] = "string" },
            ["$code"] = new JsonObject { ["type"] = "string", ["description"] = "the reason's code in the message catalog (docs/messages.md)" },
            ["$args"] = QuotedArgs("the message's arguments, by name: the English text, or a reason it quotes"),
        },
    };

    /// <summary>A reason's arguments: text, or a reason it quotes (<c>{"$code", "$args"}</c>, <c>#/$defs/quoted_reason</c>).</summary>
    static JsonObject QuotedArgs(string? description = null)
    {
        var args = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["$ref"] = "#/$defs/quoted_reason" }) },
        };
        if (description is not null) args["description"] = description;
        return args;
    }

    static JsonObject QuotedReason() => new()
    {
        ["type"] = "object",
        ["description"] = "a reason quoted by another (a tool not found, in the reason that the audit state is unknown): its code and arguments",
        ["required"] = new JsonArray("$code", "$args"),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject { ["$code"] = new JsonObject { ["type"] = "string" }, ["$args"] = QuotedArgs() },
    };

    /// <summary>The members a document may not leave out (a judgment's assessor), as JSON Schema's <c>required</c>.</summary>
    static JsonObject WithRequired(this JsonObject node, ObjectType o)
    {
        if (o.Members.Any(m => m.Required)) node["required"] = new JsonArray([.. o.Members.Where(m => m.Required).Select(m => (JsonNode)JsonValue.Create(m.Name)!)]);
        return node;
    }
}
