package dev.scenariosync.files;

import com.networknt.schema.Error;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.PyText;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.Severity;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.Tags;
import dev.scenariosync.model.VersionContent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns scenario files into {@link DesiredScenario}s and {@link Diagnostic}s. It checks, offline,
 * everything the API would refuse (the schema in {@code schemas/scenario.schema.json}, then the
 * API's own rules with Python's text semantics) and reports every problem with its file, line and
 * column. It never throws for bad input.
 */
public final class ScenarioLoader {
  public static final long MAX_FILE_BYTES = 1 << 20;

  static final List<String> KEYS =
      List.of(
          "name",
          "tags",
          "objective",
          "instructions",
          "initial_message_type",
          "conversation_starts_at",
          "renamed_from");
  private static final Set<String> TEXT_FIELDS = Set.of("name", "objective", "instructions");

  private static final ScenarioSchema SCHEMA = ScenarioSchema.load("scenario.schema.json");

  /**
   * What the loader needs to know of the rest of the configuration: the ownership tag's key (null
   * when ownership is off), which takes one of the 20 tags and may not be written in a file.
   */
  public record Options(
      String ownershipTagKey,
      boolean prune,
      boolean followExternalLinks,
      Set<String> ignoredTagKeys,
      Map<String, String> env) {
    public Options {
      ignoredTagKeys = ignoredTagKeys == null ? Set.of() : Set.copyOf(ignoredTagKeys);
    }

    public Options(
        String ownershipTagKey,
        boolean prune,
        boolean followExternalLinks,
        Set<String> ignoredTagKeys) {
      this(ownershipTagKey, prune, followExternalLinks, ignoredTagKeys, null);
    }

    public Options(String ownershipTagKey) {
      this(ownershipTagKey, false, false, Set.of(), null);
    }

    public Options(String ownershipTagKey, boolean prune, boolean followExternalLinks) {
      this(ownershipTagKey, prune, followExternalLinks, Set.of(), null);
    }

    /**
     * With the environment that {@code ${env:NAME}} references of sensitive values are read from
     * (without it, as for validate, they are checked but not read).
     */
    public Options withEnv(Map<String, String> env) {
      return new Options(ownershipTagKey, prune, followExternalLinks, ignoredTagKeys, env);
    }

    /** Tag keys other writers own ({@code ignore_tag_keys}): a file may not set them. */
    public Options withIgnoredTagKeys(Set<String> keys) {
      return new Options(ownershipTagKey, prune, followExternalLinks, keys, env);
    }

    public static Options defaults() {
      return new Options("managed_by");
    }

    /**
     * For a run that may delete: what could not be read is then an error, since the scenarios it
     * may declare would be deleted.
     */
    public Options withPrune(boolean prune) {
      return new Options(ownershipTagKey, prune, followExternalLinks, ignoredTagKeys, env);
    }

    /** Whether symbolic links may lead outside the directories given. */
    public Options withFollowExternalLinks(boolean follow) {
      return new Options(ownershipTagKey, prune, follow, ignoredTagKeys, env);
    }

    int maxUserTags() {
      return ownershipTagKey == null ? Tags.MAX_TAGS : Tags.MAX_TAGS - 1;
    }
  }

  /** Everything read: scenarios from valid documents, every problem, and each file's hash. */
  public record Result(
      List<DesiredScenario> scenarios,
      List<Diagnostic> diagnostics,
      SortedMap<String, String> fileHashes,
      List<Resource> resources) {
    public Result(
        List<DesiredScenario> scenarios,
        List<Diagnostic> diagnostics,
        SortedMap<String, String> fileHashes) {
      this(scenarios, diagnostics, fileHashes, List.of());
    }

    public boolean hasErrors() {
      return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
  }

  private final Options options;
  private final Path cwd;

  public ScenarioLoader(Options options, Path cwd) {
    this.options = options;
    this.cwd = cwd.toAbsolutePath().normalize();
  }

  public Result load(List<Path> roots) {
    ScenarioFinder.Found found = ScenarioFinder.find(roots, cwd, options.followExternalLinks());
    List<Diagnostic> diagnostics = new ArrayList<>(found.problems());
    for (Diagnostic d : found.unreadable()) {
      diagnostics.add(
          options.prune()
              ? Diagnostic.fileError(
                  d.file(),
                  d.message()
                      + "; --prune refuses to run while part of the scenario directories cannot be"
                      + " read (the scenarios it may declare would be deleted)")
              : Diagnostic.fileWarning(
                  d.file(), d.message() + "; the scenarios it may declare are ignored"));
    }
    List<DesiredScenario> scenarios = new ArrayList<>();
    List<Resource> resources = new ArrayList<>();
    SortedMap<String, String> hashes = new TreeMap<>();
    for (Path file : found.files()) {
      FileReport report = loadFile(file);
      diagnostics.addAll(report.diagnostics);
      scenarios.addAll(report.scenarios);
      resources.addAll(report.resources);
      if (report.hash != null) {
        hashes.put(Paths.display(file, cwd), report.hash);
      }
    }
    diagnostics.addAll(duplicateNames(scenarios));
    diagnostics.addAll(ResourceDocument.duplicateNames(resources));
    diagnostics.sort(Diagnostic.ORDER);
    return new Result(
        List.copyOf(scenarios), List.copyOf(diagnostics), hashes, List.copyOf(resources));
  }

  /**
   * Each scenario file's hash, exactly as {@link #load} records it, without parsing anything: what
   * a saved plan's staleness check needs.
   */
  public static SortedMap<String, String> hashes(List<Path> roots, Path cwd) {
    return hashes(roots, cwd, false);
  }

  /** As {@link #hashes(List, Path)}, with links leading outside the roots followed or not. */
  public static SortedMap<String, String> hashes(
      List<Path> roots, Path cwd, boolean followExternalLinks) {
    Path base = cwd.toAbsolutePath().normalize();
    SortedMap<String, String> hashes = new TreeMap<>();
    for (Path file : ScenarioFinder.find(roots, base, followExternalLinks).files()) {
      String shown = Paths.display(file, base);
      byte[] bytes = read(file, shown, new ArrayList<>());
      if (bytes != null) {
        hashes.put(shown, sha256(bytes));
      }
    }
    return hashes;
  }

  /** The SHA-256 of a file's bytes, as recorded in saved plans. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final class FileReport {
    final List<Diagnostic> diagnostics = new ArrayList<>();
    final List<DesiredScenario> scenarios = new ArrayList<>();
    final List<Resource> resources = new ArrayList<>();
    String hash;
  }

  /**
   * The file's bytes, or null with a diagnostic when it is not a regular file, is too large or
   * cannot be read.
   */
  private static byte[] read(Path file, String shown, List<Diagnostic> problems) {
    try {
      return LocalFile.read(file, MAX_FILE_BYTES);
    } catch (LocalFile.Unreadable e) {
      problems.add(Diagnostic.fileError(shown, e.getMessage() + " (a scenario file)"));
      return null;
    }
  }

  private FileReport loadFile(Path file) {
    FileReport report = new FileReport();
    String shown = Paths.display(file, cwd);
    byte[] bytes = read(file, shown, report.diagnostics);
    if (bytes == null) {
      return report;
    }
    return loadBytes(shown, bytes, report);
  }

  /**
   * The scenarios of the valid documents in these bytes, read as a file named {@code shown} would
   * be (a targeted plan reads a file as it was at a git commit this way); problems are dropped.
   */
  public List<DesiredScenario> documents(String shown, byte[] bytes) {
    return loadBytes(shown, bytes, new FileReport()).scenarios;
  }

  /**
   * As {@link #documents(String, byte[])}, with the valid documents of the other kinds (personas,
   * unit tests, sets) in {@link Result#resources()}.
   */
  public Result read(String shown, byte[] bytes) {
    FileReport r = loadBytes(shown, bytes, new FileReport());
    return new Result(
        List.copyOf(r.scenarios),
        List.copyOf(r.diagnostics),
        new TreeMap<>(),
        List.copyOf(r.resources));
  }

  private FileReport loadBytes(String shown, byte[] bytes, FileReport report) {
    report.hash = sha256(bytes);
    String text;
    try {
      text = decodeUtf8(bytes);
    } catch (CharacterCodingException e) {
      report.diagnostics.add(notUtf8(shown, bytes));
      return report;
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    SourceText source = new SourceText(text);
    Diagnostic forbidden = forbiddenChar(shown, text, source);
    if (forbidden != null) {
      report.diagnostics.add(forbidden);
      return report;
    }
    YamlReader.Result read = YamlReader.read(shown, text);
    int count = 0;
    for (YamlReader.Document doc : read.documents()) {
      if (doc.root().isNull() || doc.root().isMissingNode()) {
        continue; // an empty document, as after a trailing '---'
      }
      count++;
      JsonNode kind = doc.root().isObject() ? doc.root().get("kind") : null;
      if (kind != null && !(kind.isString() && kind.asString().equals("scenario"))) {
        ResourceDocument rd = new ResourceDocument(shown, doc, source, options, this);
        Resource r = rd.run();
        report.diagnostics.addAll(rd.diagnostics());
        if (r != null) {
          report.resources.add(r);
        }
        continue;
      }
      DocumentCheck check = new DocumentCheck(shown, doc, source);
      DesiredScenario scenario = check.run();
      report.diagnostics.addAll(check.diagnostics);
      if (scenario != null) {
        report.scenarios.add(scenario);
      }
    }
    read.problem()
        .ifPresent(p -> report.diagnostics.add(at(shown, p.pos(), p.message(), "", source)));
    if (count == 0 && read.problem().isEmpty()) {
      report.diagnostics.add(Diagnostic.fileWarning(shown, "file holds no scenario"));
    }
    return report;
  }

  private static String decodeUtf8(byte[] bytes) throws CharacterCodingException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return decoder.decode(ByteBuffer.wrap(bytes)).toString();
  }

  /** Finds the first byte that is not UTF-8 and says where it stands. */
  private static Diagnostic notUtf8(String shown, byte[] bytes) {
    int good = 0;
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes);
    var out = java.nio.CharBuffer.allocate(bytes.length + 1);
    var result = decoder.decode(in, out, true);
    good = result.isError() ? in.position() : bytes.length;
    String prefix = new String(bytes, 0, good, StandardCharsets.UTF_8);
    int line = 1;
    int col = 1;
    for (int i = 0; i < prefix.length(); i++) {
      if (prefix.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    String b = good < bytes.length ? String.format("0x%02X", bytes[good] & 0xff) : "?";
    return new Diagnostic(
        shown,
        line,
        col,
        Severity.ERROR,
        "file is not valid UTF-8 (byte " + b + "); save it as UTF-8",
        "",
        null);
  }

  private static Diagnostic at(
      String file, YamlReader.Pos pos, String message, String pointer, SourceText source) {
    return source.error(file, pos, message, pointer);
  }

  private List<Diagnostic> duplicateNames(List<DesiredScenario> scenarios) {
    Map<String, DesiredScenario> first = new HashMap<>();
    List<Diagnostic> out = new ArrayList<>();
    for (DesiredScenario s : scenarios) {
      DesiredScenario earlier = first.putIfAbsent(s.key(), s);
      if (earlier != null) {
        SourceLocation here = s.source();
        out.add(
            new Diagnostic(
                here.file(),
                here.line(),
                here.column(),
                Severity.ERROR,
                "duplicate scenario name '"
                    + clip(s.key())
                    + "': also declared at "
                    + earlier.source()
                    + " (names are compared after stripping white space)",
                "/name",
                null));
      }
    }
    return out;
  }

  /** The checks every kind shares: control characters anywhere, and the tag rules. */
  List<Diagnostic> commonChecks(String file, YamlReader.Document doc, SourceText source) {
    DocumentCheck check = new DocumentCheck(file, doc, source);
    check.checkControls("", doc.root());
    check.checkTags(doc.root().get("tags"));
    return check.diagnostics;
  }

  /** Checks one YAML document and builds its scenario when it has no error. */
  private final class DocumentCheck {
    final String file;
    final YamlReader.Document doc;
    final SourceText source;
    final List<Diagnostic> diagnostics = new ArrayList<>();

    DocumentCheck(String file, YamlReader.Document doc, SourceText source) {
      this.file = file;
      this.doc = doc;
      this.source = source;
    }

    void error(YamlReader.Pos pos, String pointer, String message) {
      diagnostics.add(at(file, pos, message, pointer, source));
    }

    DesiredScenario run() {
      JsonNode root = doc.root();
      if (!root.isObject()) {
        error(
            doc.valuePos(""),
            "",
            "a scenario must be a mapping with the keys " + String.join(", ", KEYS));
        return null;
      }
      for (Error e : SCHEMA.validate(root)) {
        schemaError(e);
      }
      checkText();
      checkControls("", root);
      checkTags(root.get("tags"));
      Instant startsAt = checkStartsAt(root.get("conversation_starts_at"));
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
      VersionContent content =
          new VersionContent(
              root.get("objective").asString(),
              root.get("instructions").asString(),
              InitialMessageType.fromWire(root.get("initial_message_type").asString())
                  .orElseThrow(),
              startsAt,
              startsAt == null ? null : root.get("conversation_starts_at").asString().strip());
      YamlReader.Pos p = doc.valuePos("/name");
      JsonNode renamedFrom = root.get("renamed_from");
      return new DesiredScenario(
          root.get("name").asString(),
          tags,
          content,
          new SourceLocation(file, p.line(), p.column()),
          renamedFrom == null || renamedFrom.isNull() ? null : renamedFrom.asString());
    }

    /** Turns a schema error into a message a person can act on, at the right place. */
    private void schemaError(Error e) {
      String pointer = e.getInstanceLocation().toString();
      pointer = pointer.equals("$") || pointer.equals("/") ? "" : pointer;
      if (pointer.startsWith("/tags/")
          || (pointer.equals("/tags") && !e.getKeyword().equals("type"))) {
        return; // checkTags applies the same rules with Python's exact semantics
      }
      String field = pointer.isEmpty() ? "" : pointer.substring(1);
      switch (e.getKeyword()) {
        case "additionalProperties" -> {
          String key = e.getProperty();
          String hint =
              Suggest.nearest(key, KEYS).map(k -> " (did you mean '" + k + "'?)").orElse("");
          error(
              doc.keyPos(pointer + "/" + YamlReader.escape(key)),
              pointer + "/" + YamlReader.escape(key),
              "unknown key '" + clip(key) + "'" + hint);
        }
        case "required" ->
            error(doc.valuePos(pointer), pointer, "missing required key '" + e.getProperty() + "'");
        case "type" ->
            error(
                doc.valuePos(pointer),
                pointer,
                "'"
                    + field
                    + "' must be "
                    + expected(field)
                    + ", not "
                    + describe(e.getInstanceNode()));
        case "enum" -> {
          String found = describe(e.getInstanceNode());
          String hint =
              e.getInstanceNode() != null && e.getInstanceNode().isString()
                  ? Suggest.nearest(e.getInstanceNode().asString(), InitialMessageType.wireValues())
                      .map(k -> " (did you mean '" + k + "'?)")
                      .orElse("")
                  : "";
          error(
              doc.valuePos(pointer),
              pointer,
              "'"
                  + field
                  + "' must be one of "
                  + String.join(", ", InitialMessageType.wireValues())
                  + ", not "
                  + found
                  + hint);
        }
        case "minLength", "format" -> {
          // checkText and checkStartsAt report these with the API's exact rules
        }
        default -> error(doc.valuePos(pointer), pointer, e.getMessage());
      }
    }

    private void checkText() {
      for (String field : TEXT_FIELDS) {
        JsonNode v = doc.root().get(field);
        if (v != null && v.isString() && PyText.isBlank(v.asString())) {
          error(
              doc.valuePos("/" + field),
              "/" + field,
              "'" + field + "' is empty (the API strips leading and trailing white space)");
        }
      }
    }

    /**
     * Control characters however they were written: raw ones are refused before parsing, but a
     * double-quoted string's escapes ({@code "\e[2J"}, {@code "\x1b"}) make them too.
     */
    private void checkControls(String pointer, JsonNode node) {
      if (node.isString()) {
        String v = node.asString();
        boolean multiLine =
            pointer.equals("/objective")
                || pointer.equals("/instructions")
                || pointer.equals("/background")
                || pointer.equals("/description");
        int at = PyText.isBlank(v) ? -1 : ControlChars.first(v, multiLine);
        if (at >= 0) {
          String field = pointer.isEmpty() ? "the document" : "'" + pointer.substring(1) + "'";
          error(
              doc.valuePos(pointer),
              pointer,
              field
                  + " holds the control character "
                  + showChar(v.codePointAt(at))
                  + ", which could steer a terminal; remove it");
        }
      } else if (node.isObject()) {
        for (var entry : node.properties()) {
          String child = pointer + "/" + YamlReader.escape(entry.getKey());
          int at = ControlChars.first(entry.getKey());
          if (at >= 0) {
            error(
                doc.keyPos(child),
                child,
                "a key holds the control character "
                    + showChar(entry.getKey().codePointAt(at))
                    + "; remove it");
          } else {
            checkControls(child, entry.getValue());
          }
        }
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          checkControls(pointer + "/" + i, node.get(i));
        }
      }
    }

    private void checkTags(JsonNode tags) {
      if (tags == null || tags.isNull() || !tags.isObject()) {
        return; // a wrong type was reported by the schema
      }
      Map<String, String> seen = new HashMap<>();
      for (var entry : tags.properties()) {
        String key = entry.getKey();
        String pointer = "/tags/" + YamlReader.escape(key);
        YamlReader.Pos keyPos = doc.keyPos(pointer);
        String stripped = PyText.strip(key);
        if (stripped.isEmpty()) {
          error(keyPos, pointer, "tag key is empty (the API strips white space)");
        } else if (!PyText.isTagText(stripped)) {
          error(keyPos, pointer, "tag key '" + clip(key) + "' " + badChar(stripped));
        } else if (stripped.equals(options.ownershipTagKey())) {
          error(
              keyPos,
              pointer,
              "tag key '"
                  + stripped
                  + "' is the ownership tag, which scenario-sync sets itself; remove it");
        } else if (options.ignoredTagKeys().contains(stripped)) {
          error(
              keyPos,
              pointer,
              "tag key '"
                  + stripped
                  + "' is in ignore_tag_keys of the configuration (other writers own it); remove"
                  + " it from the file or from ignore_tag_keys");
        } else if (seen.putIfAbsent(stripped, key) != null) {
          error(
              keyPos,
              pointer,
              "tag key '"
                  + clip(key)
                  + "' is the same as '"
                  + clip(seen.get(stripped))
                  + "' once stripped");
        }
        JsonNode value = entry.getValue();
        YamlReader.Pos valuePos = doc.valuePos(pointer);
        if (value.isNull()) {
          continue;
        }
        if (!value.isString()) {
          error(
              valuePos,
              pointer,
              "tag '" + stripped + "' must have a string or null value, not " + describe(value));
        } else if (PyText.isBlank(value.asString())) {
          error(
              valuePos,
              pointer,
              "tag '" + stripped + "' has an empty value; use null for a tag without a value");
        } else if (!PyText.isTagText(value.asString())) {
          error(
              valuePos,
              pointer,
              "tag '"
                  + stripped
                  + "' has the value '"
                  + clip(value.asString())
                  + "', which "
                  + badChar(value.asString()).substring(0));
        }
      }
      int max = options.maxUserTags();
      if (tags.size() > max) {
        String why =
            options.ownershipTagKey() == null
                ? ""
                : " (the API allows 20, and the ownership tag '"
                    + options.ownershipTagKey()
                    + "' takes one)";
        error(
            doc.keyPos("/tags"),
            "/tags",
            "too many tags: " + tags.size() + ", at most " + max + why);
      }
    }

    private String badChar(String text) {
      return "may hold only letters, digits, underscores and spaces ("
          + showChar(PyText.firstNonTagChar(text))
          + " is not allowed)";
    }

    private Instant checkStartsAt(JsonNode v) {
      if (v == null || v.isNull() || !v.isString()) {
        return null;
      }
      String text = v.asString().strip();
      try {
        Instant at = OffsetDateTime.parse(text).toInstant();
        if (at.getNano() % 1_000_000 != 0) {
          Diagnostic d =
              at(
                  file,
                  doc.valuePos("/conversation_starts_at"),
                  "the API keeps milliseconds: digits below them are dropped (stored as "
                      + at.truncatedTo(ChronoUnit.MILLIS)
                      + ")",
                  "/conversation_starts_at",
                  source);
          diagnostics.add(
              new Diagnostic(
                  d.file(),
                  d.line(),
                  d.column(),
                  Severity.WARNING,
                  d.message(),
                  d.pointer(),
                  d.sourceLine()));
        }
        return at;
      } catch (DateTimeParseException e) {
        error(
            doc.valuePos("/conversation_starts_at"),
            "/conversation_starts_at",
            "'conversation_starts_at' must be an ISO-8601 date-time with an offset, such as"
                + " 2026-01-05T09:30:00Z or 2026-01-05T10:30:00+01:00, not '"
                + clip(v.asString())
                + "'");
        return null;
      }
    }

    private String expected(String field) {
      return switch (field) {
        case "tags" -> "a mapping of tag keys to values";
        case "conversation_starts_at" -> "a date-time string or null";
        default -> "a string";
      };
    }
  }

  /** A character as a message shows it: quoted when visible, by code point and name when not. */
  static String showChar(int cp) {
    int type = Character.getType(cp);
    boolean invisible =
        type == Character.NON_SPACING_MARK
            || type == Character.ENCLOSING_MARK
            || type == Character.COMBINING_SPACING_MARK
            || type == Character.CONTROL
            || type == Character.FORMAT
            || Character.isWhitespace(cp)
            || PyText.isSpace(cp);
    if (!invisible) {
      return "'" + new String(Character.toChars(cp)) + "'";
    }
    String name = Character.getName(cp);
    return String.format("U+%04X%s", cp, name == null ? "" : " " + name);
  }

  /**
   * The first character YAML does not allow in a file (C0 controls but tab and line breaks, DEL, C1
   * controls but NEL, lone surrogates, U+FFFE and U+FFFF), so it can be reported exactly where it
   * stands.
   */
  private static Diagnostic forbiddenChar(String shown, String text, SourceText source) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean ok =
          cp == 0x9
              || cp == 0xA
              || cp == 0xD
              || (cp >= 0x20 && cp <= 0x7E)
              || cp == 0x85
              || (cp >= 0xA0 && cp <= 0xD7FF)
              || (cp >= 0xE000 && cp <= 0xFFFD)
              || (cp >= 0x10000 && cp <= 0x10FFFF);
      if (!ok) {
        return new Diagnostic(
            shown,
            line,
            col,
            Severity.ERROR,
            "the character "
                + showChar(cp)
                + " is not allowed in a YAML file; remove it or write it as an escape in a double-quoted string",
            "",
            source.line(line));
      }
      if (cp == '\n') {
        line++;
        col = 1;
      } else if (cp != '\r') {
        col++;
      }
      i += Character.charCount(cp);
    }
    return null;
  }

  /** A value quoted in a message: one line, at most 60 characters. */
  static String clip(String s) {
    String one = ControlChars.escape(s);
    return one.length() > 60 ? one.substring(0, 57) + "..." : one;
  }

  static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "nothing";
    }
    if (node.isNull()) {
      return "null";
    }
    if (node.isString()) {
      return "'" + clip(node.asString()) + "'";
    }
    if (node.isBoolean()) {
      return "a boolean (" + node.asString() + "; quote it for a string)";
    }
    if (node.isNumber()) {
      return "a number (" + node.asString() + "; quote it for a string)";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "a mapping";
  }
}
