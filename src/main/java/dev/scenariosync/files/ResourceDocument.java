package dev.scenariosync.files;

import com.networknt.schema.Error;
import dev.scenariosync.json.JsonValues;
import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.PyText;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Secret;
import dev.scenariosync.model.Severity;
import dev.scenariosync.model.SourceLocation;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks one YAML document that declares a persona, unit test or unit test set against its kind's
 * schema and rules, and builds the {@link Resource} when it has no error. Sensitive values must be
 * {@code ${env:NAME}} references: a literal would be committed to git.
 */
final class ResourceDocument {
  static final Pattern ENV_REF = Pattern.compile("^\\$\\{env:([A-Za-z_][A-Za-z0-9_]*)\\}$");

  private static final Map<ResourceKind, ScenarioSchema> SCHEMAS =
      new EnumMap<>(ResourceKind.class);

  static {
    for (KindSpec k : Kinds.resources()) {
      SCHEMAS.put(k.kind(), ScenarioSchema.load(k.schemaFile()));
    }
  }

  private final String file;
  private final YamlReader.Document doc;
  private final SourceText source;
  private final ScenarioLoader.Options options;
  private final ScenarioLoader loader;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  ResourceDocument(
      String file,
      YamlReader.Document doc,
      SourceText source,
      ScenarioLoader.Options options,
      ScenarioLoader loader) {
    this.file = file;
    this.doc = doc;
    this.source = source;
    this.options = options;
    this.loader = loader;
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  private void error(YamlReader.Pos pos, String pointer, String message) {
    diagnostics.add(source.error(file, pos, message, pointer));
  }

  private SourceLocation location(String pointer) {
    YamlReader.Pos p = doc.valuePos(pointer);
    return new SourceLocation(file, p.line(), p.column());
  }

  Resource run() {
    JsonNode root = doc.root();
    JsonNode k = root.get("kind");
    ResourceKind kind = k.isString() ? ResourceKind.fromWord(k.asString()).orElse(null) : null;
    if (kind == null) {
      error(
          doc.valuePos("/kind"),
          "/kind",
          "'kind' must be one of "
              + String.join(", ", ResourceKind.words())
              + ", not "
              + ScenarioLoader.describe(k)
              + Suggest.nearest(k.isString() ? k.asString() : "", ResourceKind.words())
                  .map(w -> " (did you mean '" + w + "'?)")
                  .orElse(""));
      return null;
    }
    KindSpec spec = Kinds.of(kind);
    Set<String> reported = new HashSet<>();
    for (Error e : SCHEMAS.get(kind).validate(root)) {
      schemaError(spec, e, reported);
    }
    diagnostics.addAll(loader.commonChecks(file, doc, source));
    checkText(spec);
    Map<String, Object> fields = new LinkedHashMap<>();
    Map<String, SourceLocation> locations = new HashMap<>();
    for (FieldSpec f : spec.fields()) {
      JsonNode v = root.get(f.name());
      if (v == null) {
        if (f.rule() == FieldRule.SENSITIVE_MAP || f.rule() == FieldRule.STRING_MAP) {
          fields.put(f.name(), new TreeMap<>());
        } else if (f.rule() == FieldRule.STRING_LIST) {
          fields.put(f.name(), List.of());
        } else {
          fields.put(f.name(), null);
        }
        continue;
      }
      locations.put("/" + f.name(), location("/" + f.name()));
      fields.put(f.name(), value(f, v, locations));
    }
    if (diagnostics.stream().anyMatch(Diagnostic::isError)) {
      return null;
    }
    Map<String, String> tags = new LinkedHashMap<>();
    JsonNode tagNode = root.get("tags");
    if (tagNode != null && tagNode.isObject()) {
      tagNode
          .properties()
          .forEach(
              e -> tags.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
    }
    return new Resource(
        kind,
        PyText.strip(root.get("name").asString()),
        tags,
        fields,
        location("/name"),
        locations,
        root.hasNonNull("renamed_from") ? PyText.strip(root.get("renamed_from").asString()) : null);
  }

  private Object value(FieldSpec f, JsonNode v, Map<String, SourceLocation> locations) {
    String pointer = "/" + f.name();
    return switch (f.rule()) {
      case REFERENCE ->
          v.isObject()
              ? Ref.byId(f.refers(), v.path("id").asString())
              : Ref.byName(f.refers(), v.asString());
      case SENSITIVE_MAP -> sensitive(v, pointer);
      case RUNS -> {
        List<Object> runs = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
          JsonNode run = v.get(i);
          String at = pointer + "/" + i + "/name";
          locations.put(at, location(at));
          Map<String, Object> m = new TreeMap<>();
          m.put("unit_test", Ref.byName(ResourceKind.UNIT_TEST, run.path("name").asString()));
          m.put("run_count", new BigDecimal(run.path("run_count").asString("0")));
          runs.add(m);
        }
        yield f.rule().normalize(runs);
      }
      default -> f.rule().normalize(JsonValues.plain(v));
    };
  }

  /** {@code ${env:NAME}} only; read from the environment when the loader has one. */
  private Map<String, Object> sensitive(JsonNode v, String pointer) {
    Map<String, Object> out = new TreeMap<>();
    for (var e : v.properties()) {
      String at = pointer + "/" + YamlReader.escape(e.getKey());
      String written = e.getValue().isString() ? e.getValue().asString() : "";
      Matcher m = ENV_REF.matcher(written);
      if (!m.matches()) {
        // Never quote the value, nor show its line: it may be the secret itself.
        YamlReader.Pos pos = doc.valuePos(at);
        diagnostics.add(
            new Diagnostic(
                file,
                pos.line(),
                pos.column(),
                Severity.ERROR,
                "sensitive_user_variables."
                    + ScenarioLoader.clip(e.getKey())
                    + ": a literal value would be committed to git; write ${env:NAME} and set NAME in"
                    + " the environment",
                at,
                null));
        continue;
      }
      String name = m.group(1);
      if (options.env() == null) {
        out.put(e.getKey(), new Secret("${env:" + name + "}", written));
        continue;
      }
      String value = options.env().get(name);
      if (value == null) {
        error(
            doc.valuePos(at),
            at,
            "sensitive_user_variables."
                + ScenarioLoader.clip(e.getKey())
                + ": the environment variable "
                + name
                + " is not set");
        continue;
      }
      out.put(e.getKey(), new Secret(value, written));
    }
    return out;
  }

  private void checkText(KindSpec spec) {
    List<String> text = new ArrayList<>(List.of("name"));
    spec.fields().stream().filter(f -> f.rule() == FieldRule.TEXT).forEach(f -> text.add(f.name()));
    for (String field : text) {
      JsonNode v = doc.root().get(field);
      if (v != null && v.isString() && PyText.isBlank(v.asString())) {
        error(
            doc.valuePos("/" + field),
            "/" + field,
            "'" + field + "' is empty (the API strips leading and trailing white space)");
      }
    }
  }

  private void schemaError(KindSpec spec, Error e, Set<String> reported) {
    String pointer = e.getInstanceLocation().toString();
    pointer = pointer.equals("$") || pointer.equals("/") ? "" : pointer;
    if (pointer.startsWith("/tags/")
        || (pointer.equals("/tags") && !e.getKeyword().equals("type"))) {
      return; // the common tag checks apply Python's exact rules
    }
    if (pointer.startsWith("/sensitive_user_variables/")) {
      return; // checked with its own message, which never quotes the value
    }
    String field =
        pointer.isEmpty() ? spec.kind().word() : "'" + pointer.substring(1).replace('/', '.') + "'";
    switch (e.getKeyword()) {
      case "additionalProperties" -> {
        String key = e.getProperty();
        List<String> keys = new ArrayList<>(List.of("kind", "name", "tags"));
        spec.fields().forEach(f -> keys.add(f.name()));
        String hint =
            pointer.isEmpty()
                ? Suggest.nearest(key, keys).map(k -> " (did you mean '" + k + "'?)").orElse("")
                : "";
        String at = pointer + "/" + YamlReader.escape(key);
        if (reported.add(at)) {
          error(doc.keyPos(at), at, "unknown key '" + ScenarioLoader.clip(key) + "'" + hint);
        }
      }
      case "required" -> {
        if (reported.add(pointer + "/" + e.getProperty())) {
          error(
              doc.valuePos(pointer),
              pointer,
              (pointer.isEmpty() ? "" : field + ": ")
                  + "missing required key '"
                  + e.getProperty()
                  + "'");
        }
      }
      case "minLength" -> {
        // blank text is reported by checkText with the API's rules
        if (!checkedText(spec, pointer) && reported.add(pointer)) {
          error(doc.valuePos(pointer), pointer, field + " is empty");
        }
      }
      default -> {
        if (reported.add(pointer)) {
          error(
              doc.valuePos(pointer),
              pointer,
              field
                  + ": "
                  + e.getMessage().replaceFirst("^\\$[^:]*: ", "")
                  + " (found "
                  + ScenarioLoader.describe(e.getInstanceNode())
                  + ")");
        }
      }
    }
  }

  private static boolean checkedText(KindSpec spec, String pointer) {
    return pointer.equals("/name")
        || spec.fields().stream()
            .anyMatch(f -> f.rule() == FieldRule.TEXT && pointer.equals("/" + f.name()));
  }

  /** A name declared twice in one kind (after stripping white space). */
  static List<Diagnostic> duplicateNames(List<Resource> resources) {
    Map<String, Resource> first = new HashMap<>();
    List<Diagnostic> out = new ArrayList<>();
    for (Resource r : resources) {
      Resource earlier = first.putIfAbsent(r.kind().word() + "\0" + r.name(), r);
      if (earlier != null) {
        SourceLocation here = r.source();
        out.add(
            new Diagnostic(
                here.file(),
                here.line(),
                here.column(),
                Severity.ERROR,
                "duplicate "
                    + r.kind().word()
                    + " name '"
                    + ScenarioLoader.clip(r.name())
                    + "': also declared at "
                    + earlier.source(),
                "/name",
                null));
      }
    }
    return out;
  }
}
