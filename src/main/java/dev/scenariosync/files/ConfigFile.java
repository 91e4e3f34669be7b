package dev.scenariosync.files;

import com.networknt.schema.Error;
import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.PyText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The optional {@code scenario-sync.yaml}: defaults and named environments, checked like scenario
 * files against {@code schemas/config.schema.json}, with file:line errors. It never holds secrets.
 */
public final class ConfigFile {
  private static final ScenarioSchema SCHEMA = ScenarioSchema.load("config.schema.json");

  /** One named environment. */
  public record Environment(String organization, String region, String baseUrl, Boolean local) {}

  /** The file's content; every field may be absent (null). */
  public record Config(
      Path file,
      List<String> scenarios,
      Boolean ownershipOff,
      String ownershipKey,
      String ownershipValue,
      Integer maxDeletes,
      Integer parallelism,
      String defaultEnvironment,
      Map<String, Environment> environments,
      Set<String> ignoreTagKeys) {
    public Config {
      ignoreTagKeys = ignoreTagKeys == null ? Set.of() : Set.copyOf(ignoreTagKeys);
    }

    public Config(
        Path file,
        List<String> scenarios,
        Boolean ownershipOff,
        String ownershipKey,
        String ownershipValue,
        Integer maxDeletes,
        Integer parallelism,
        String defaultEnvironment,
        Map<String, Environment> environments) {
      this(
          file,
          scenarios,
          ownershipOff,
          ownershipKey,
          ownershipValue,
          maxDeletes,
          parallelism,
          defaultEnvironment,
          environments,
          Set.of());
    }

    public static Config empty() {
      return new Config(null, List.of(), null, null, null, null, null, null, Map.of());
    }
  }

  /** The configuration read, or the problems that make it unusable. */
  public record Result(Config config, List<Diagnostic> diagnostics) {}

  private ConfigFile() {}

  /**
   * The {@code scenario-sync.yaml} in the directory or its parents, up to the repository root (the
   * first folder holding {@code .git}).
   */
  public static Optional<Path> find(Path cwd) {
    for (Path dir = cwd.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path f = dir.resolve(ScenarioFinder.CONFIG_FILE);
      if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
        return Optional.of(f); // even when not a regular file: read() then says why
      }
      if (Files.exists(dir.resolve(".git"))) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  public static Result read(Path file, Path cwd) {
    String shown = Paths.display(file, cwd);
    String text;
    try {
      text =
          new String(LocalFile.read(file, ScenarioLoader.MAX_FILE_BYTES), StandardCharsets.UTF_8);
    } catch (LocalFile.Unreadable e) {
      return failed(Diagnostic.fileError(shown, e.getMessage() + " (the configuration file)"));
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    SourceText source = new SourceText(text);
    YamlReader.Result read = YamlReader.read(shown, text);
    if (read.problem().isPresent()) {
      YamlReader.Problem p = read.problem().get();
      return failed(source.error(shown, p.pos(), p.message(), ""));
    }
    if (read.documents().isEmpty() || read.documents().get(0).root().isNull()) {
      return new Result(
          new Config(file, List.of(), null, null, null, null, null, null, Map.of()), List.of());
    }
    if (read.documents().size() > 1) {
      return failed(
          Diagnostic.fileError(shown, "holds several YAML documents; the configuration is one"));
    }
    YamlReader.Document doc = read.documents().get(0);
    List<Diagnostic> problems = new ArrayList<>();
    for (Error e : SCHEMA.validate(doc.root())) {
      String pointer = e.getInstanceLocation().toString();
      pointer = pointer.equals("$") || pointer.equals("/") ? "" : pointer;
      String where = pointer.isEmpty() ? "the configuration" : "'" + pointer.substring(1) + "'";
      String message =
          switch (e.getKeyword()) {
            case "additionalProperties" -> {
              String key = e.getProperty();
              pointer = pointer + "/" + YamlReader.escape(key);
              yield "unknown key '" + ScenarioLoader.clip(key) + "'";
            }
            case "enum" -> where + " must be one of us, eu-central-1, ap-southeast-2, ca-central-1";
            default -> where + ": " + e.getMessage().replaceFirst("^\\S+: ", "");
          };
      YamlReader.Pos pos =
          e.getKeyword().equals("additionalProperties")
              ? doc.keyPos(pointer)
              : doc.valuePos(pointer);
      problems.add(source.error(shown, pos, message, pointer));
    }
    JsonNode root = doc.root();
    controls(doc, source, shown, "", root, problems);
    JsonNode own = root.get("ownership");
    if (own != null && own.isObject()) {
      for (String f : List.of("key", "value")) {
        JsonNode v = own.get(f);
        if (v != null && v.isString() && !PyText.isTagText(PyText.strip(v.asString()))) {
          YamlReader.Pos pos = doc.valuePos("/ownership/" + f);
          problems.add(
              source.error(
                  shown,
                  pos,
                  "the ownership tag's "
                      + f
                      + " may hold only letters, digits, underscores and spaces",
                  "/ownership/" + f));
        }
      }
    }
    Set<String> ignored = new java.util.TreeSet<>();
    JsonNode ig = root.get("ignore_tag_keys");
    for (int i = 0; ig != null && ig.isArray() && i < ig.size(); i++) {
      JsonNode k = ig.get(i);
      String key = k.isString() ? PyText.strip(k.asString()) : "";
      String pointer = "/ignore_tag_keys/" + i;
      if (!k.isString()) {
        continue; // the schema said so
      } else if (!PyText.isTagText(key)) {
        problems.add(
            source.error(
                shown,
                doc.valuePos(pointer),
                "a tag key may hold only letters, digits, underscores and spaces",
                pointer));
      } else {
        ignored.add(key);
      }
    }
    String dflt = text(root.get("default_environment"));
    if (dflt != null && !root.path("environments").has(dflt)) {
      YamlReader.Pos pos = doc.valuePos("/default_environment");
      problems.add(
          source.error(
              shown,
              pos,
              "default_environment '" + ScenarioLoader.clip(dflt) + "' is not in environments",
              "/default_environment"));
    }
    problems.sort(Diagnostic.ORDER);
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    List<String> scenarios = new ArrayList<>();
    JsonNode s = root.get("scenarios");
    if (s != null && s.isString()) {
      scenarios.add(s.asString());
    } else if (s != null) {
      s.forEach(x -> scenarios.add(x.asString()));
    }
    Map<String, Environment> envs = new LinkedHashMap<>();
    root.path("environments")
        .properties()
        .forEach(
            e -> {
              JsonNode v = e.getValue();
              envs.put(
                  e.getKey(),
                  new Environment(
                      text(v.get("organization")),
                      text(v.get("region")),
                      text(v.get("base_url")),
                      v.has("local") ? v.get("local").asBoolean() : null));
            });
    return new Result(
        new Config(
            file,
            scenarios,
            own != null && own.isBoolean() ? !own.asBoolean() : null,
            own != null && own.isObject() ? PyText.strip(own.get("key").asString()) : null,
            own != null && own.isObject() ? PyText.strip(own.get("value").asString()) : null,
            root.has("max_deletes") ? root.get("max_deletes").asInt() : null,
            root.has("parallelism") ? root.get("parallelism").asInt() : null,
            dflt,
            envs,
            ignored),
        List.of());
  }

  /** Control characters in any key or value, however they were written. */
  private static void controls(
      YamlReader.Document doc,
      SourceText source,
      String shown,
      String pointer,
      JsonNode node,
      List<Diagnostic> problems) {
    if (node.isString() && ControlChars.any(node.asString())) {
      problems.add(
          source.error(
              shown, doc.valuePos(pointer), "the value holds a control character", pointer));
    }
    for (var e : node.properties()) {
      String child = pointer + "/" + YamlReader.escape(e.getKey());
      if (ControlChars.any(e.getKey())) {
        problems.add(
            source.error(shown, doc.keyPos(child), "a key holds a control character", child));
      } else {
        controls(doc, source, shown, child, e.getValue(), problems);
      }
    }
    for (int i = 0; node.isArray() && i < node.size(); i++) {
      controls(doc, source, shown, pointer + "/" + i, node.get(i), problems);
    }
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asString();
  }

  private static Result failed(Diagnostic d) {
    return new Result(null, List.of(d));
  }
}
