package dev.scenariosync.plan.file;

import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Change;
import dev.scenariosync.plan.Outside;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.Target;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The saved-plan format (the {@code plan/file} package: reading and writing, apart from the pure
 * planner): the plan as stable JSON ({@code format_version} "1", or "2" with personas, unit tests
 * and sets; described by {@code schemas/plan.schema.json}) for machines, and as the saved-plan file
 * of {@code plan --out}, which {@code apply --plan} reads back. Built from its own field names, so
 * that a refactoring of the model never changes what consumers read. It holds no secret.
 */
public final class PlanJson {
  public static final String FORMAT_VERSION = "1";

  /** The format of a plan with personas, unit tests or unit test sets. */
  public static final String FORMAT_VERSION_KINDS = "2";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PlanJson() {}

  /**
   * Where and from what a plan was made: recorded so that a saved plan can be checked and applied.
   */
  public record Meta(
      String baseUrl,
      boolean local,
      List<String> directories,
      SortedMap<String, String> files,
      Ownership ownership,
      boolean prune,
      int maxDeletes,
      boolean allowDeleteAll,
      boolean takeOver,
      SortedMap<String, String> documents,
      String toolVersion,
      Instant createdAt) {}

  /** A plan read back from a file. */
  /**
   * A saved plan as read. For format 2, {@code salt} and {@code resources} are its sensitive-value
   * salt and its persona, unit test and set changes as written: apply plans those again and
   * requires the same JSON (a stale plan is refused); null for format 1.
   */
  public record Saved(
      Meta meta, Plan plan, String salt, JsonNode resources, int resourcesUnchanged) {
    public Saved(Meta meta, Plan plan) {
      this(meta, plan, null, null, 0);
    }
  }

  /** Thrown when a file is not a saved plan this version can read. */
  public static final class Unreadable extends RuntimeException {
    public Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  public static String write(Plan plan, Meta meta) {
    ObjectNode root = JSON.createObjectNode();
    // Format 2 adds the kinds beyond scenarios; a plan without them stays format 1.
    root.put("format_version", plan.hasResources() ? FORMAT_VERSION_KINDS : FORMAT_VERSION);
    root.put("organization", plan.organization());
    root.put("base_url", meta.baseUrl());
    root.put("local", meta.local());
    root.put("tool_version", meta.toolVersion());
    root.put("created_at", meta.createdAt().toString());
    ArrayNode dirs = root.putArray("directories");
    meta.directories().forEach(dirs::add);
    ObjectNode files = root.putObject("files");
    meta.files().forEach(files::put);
    if (meta.ownership() == null) {
      root.putNull("ownership");
    } else {
      root.putObject("ownership")
          .put("key", meta.ownership().key())
          .put("value", meta.ownership().value());
    }
    root.put("prune", meta.prune());
    root.put("max_deletes", meta.maxDeletes());
    root.put("allow_delete_all", meta.allowDeleteAll());
    root.put("take_over", meta.takeOver());
    ObjectNode documents = root.putObject("documents");
    meta.documents().forEach(documents::put);
    ObjectNode summary = root.putObject("summary");
    plan.counts()
        .forEach(
            (a, n) -> {
              if ((a != Action.FOREIGN && a != Action.UPDATE && a != Action.RENAME) || n > 0) {
                summary.put(a.word(), n);
              }
            });
    summary.put("unchanged", plan.unchanged());
    ArrayNode refusals = root.putArray("refusals");
    plan.refusals().forEach(refusals::add);
    if (plan.targeted()) {
      ObjectNode t = root.putObject("target");
      t.put("basis", plan.target().basis());
      t.put("declared", plan.target().declared());
      t.put("planned", plan.planned());
      ArrayNode names = t.putArray("names");
      plan.target().names().forEach(names::add);
    } else {
      root.putNull("target");
    }
    ObjectNode outside = root.putObject("outside");
    ArrayNode orphans = outside.putArray("orphans");
    plan.outside().orphans().forEach(orphans::add);
    outside.put("unmanaged", plan.outside().unmanaged());
    ArrayNode changes = root.putArray("changes");
    for (Change c : plan.changes()) {
      changes.add(change(c));
    }
    if (plan.hasResources()) {
      ResourceJson.write(root, plan, ResourceJson.newSalt());
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static ObjectNode change(Change c) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", c.name());
    o.put("file", c.source() == null ? null : c.source().file());
    o.put("line", c.source() == null ? null : c.source().line());
    o.put("column", c.source() == null ? null : c.source().column());
    o.put("scenario_id", c.scenarioId());
    ArrayNode actions = o.putArray("actions");
    c.actions().forEach(a -> actions.add(a.word()));
    o.put("current_version", c.currentVersion());
    o.put("expected_version", c.expectedVersion());
    o.put("remote_updated_at", c.remoteUpdatedAt() == null ? null : c.remoteUpdatedAt().toString());
    o.set("before", state(c.before(), c.tagsBefore()));
    o.set("after", state(c.after(), c.tagsAfter()));
    if (c.drift() == null) {
      o.putNull("drift");
    } else {
      ObjectNode d = o.putObject("drift");
      user(d, "creator", c.drift().creator());
      d.put("created_at", c.drift().createdAt() == null ? null : c.drift().createdAt().toString());
    }
    ArrayNode tests = o.putArray("unit_tests");
    c.unitTests().forEach(t -> tests.addObject().put("id", t.id()).put("name", t.name()));
    if (c.foreignOwner() != null) {
      o.put("foreign_owner", c.foreignOwner());
    }
    if (c.renamedFrom() != null) {
      o.put("renamed_from", c.renamedFrom());
    }
    return o;
  }

  private static void user(ObjectNode parent, String field, UserRef u) {
    if (u == null) {
      parent.putNull(field);
    } else {
      parent.putObject(field).put("org_id", u.orgId()).put("user_id", u.userId());
    }
  }

  private static JsonNode state(VersionContent v, Map<String, String> tags) {
    if (v == null && tags == null) {
      return JSON.nullNode();
    }
    ObjectNode o = JSON.createObjectNode();
    if (v != null) {
      o.put("objective", v.objective());
      o.put("instructions", v.instructions());
      o.put("initial_message_type", v.initialMessageType().wire());
      o.put(
          "conversation_starts_at",
          v.conversationStartsAt() == null ? null : v.conversationStartsAt().toString());
      // For show only: apply takes the content from the files.
      if (v.startsAtAsWritten() != null
          && !v.startsAtAsWritten().equals(v.conversationStartsAt().toString())) {
        o.put(AS_WRITTEN, v.startsAtAsWritten());
      }
    }
    if (tags != null) {
      ObjectNode t = o.putObject("tags");
      new TreeMap<>(tags).forEach(t::put);
    }
    return o;
  }

  // ---------------------------------------------------------------- reading back

  /**
   * Reads a saved plan strictly: every field the apply relies on must be there with its type; a
   * damaged or foreign file is an {@link Unreadable} naming the field, never an internal error.
   */
  public static Saved read(String text) {
    JsonNode root;
    try {
      root = JSON.readTree(text);
    } catch (JacksonException e) {
      throw new Unreadable("not a saved plan (invalid JSON: " + e.getOriginalMessage() + ")");
    }
    if (root == null || !root.isObject() || !root.has("changes")) {
      throw new Unreadable("not a saved plan (no 'changes')");
    }
    JsonNode fv = root.get("format_version");
    boolean kinds = fv != null && fv.isString() && FORMAT_VERSION_KINDS.equals(fv.asString());
    if (fv == null || !fv.isString() || !(FORMAT_VERSION.equals(fv.asString()) || kinds)) {
      throw new Unreadable(
          "saved plan format_version "
              + (fv == null
                  ? "is missing"
                  : fv.toString() + " is not \"" + FORMAT_VERSION + "\" or \"2\"")
              + "; make the plan again with this version of scenario-sync");
    }
    List<String> dirs = new ArrayList<>();
    for (JsonNode d : array(root, "directories", "")) {
      String dir = str(d, "directories[]");
      Path path;
      try {
        path = Path.of(dir).normalize();
      } catch (InvalidPathException e) {
        throw new Unreadable("saved plan field 'directories' holds an invalid path");
      }
      if (path.isAbsolute() || path.startsWith("..")) {
        throw new Unreadable(
            "saved plan field 'directories' must hold folders inside this one, not '" + dir + "'");
      }
      dirs.add(dir);
    }
    if (dirs.isEmpty()) {
      throw new Unreadable("saved plan field 'directories' is empty");
    }
    SortedMap<String, String> files = hashMap(root, "files");
    SortedMap<String, String> documents = hashMap(root, "documents");
    JsonNode own = root.get("ownership");
    Ownership ownership = null;
    if (own == null || !(own.isNull() || own.isObject())) {
      throw new Unreadable("saved plan field 'ownership' must be an object or null");
    }
    if (own.isObject()) {
      ownership =
          new Ownership(
              reqStr(own, "key", "ownership.key"), reqStr(own, "value", "ownership.value"));
    }
    Meta meta =
        new Meta(
            optStr(root, "base_url", "base_url"),
            bool(root, "local", ""),
            dirs,
            files,
            ownership,
            bool(root, "prune", ""),
            nonNegative(root, "max_deletes", ""),
            bool(root, "allow_delete_all", ""),
            bool(root, "take_over", ""),
            documents,
            optStr(root, "tool_version", "tool_version"),
            reqInstant(root, "created_at", ""));
    List<Change> changes = new ArrayList<>();
    int i = 0;
    for (JsonNode c : array(root, "changes", "")) {
      String at = "changes[" + i++ + "]";
      try {
        changes.add(readChange(c, at));
      } catch (IllegalArgumentException e) {
        // a change's own rules (Change's constructor), broken by the file
        throw new Unreadable("saved plan field '" + at + "': " + e.getMessage());
      }
    }
    List<String> refusals = new ArrayList<>();
    for (JsonNode r : array(root, "refusals", "")) {
      refusals.add(str(r, "refusals[]"));
    }
    JsonNode summary = root.get("summary");
    int unchanged =
        summary != null && summary.isObject() ? nonNegative(summary, "unchanged", "summary.") : 0;
    Plan plan =
        new Plan(
            reqStr(root, "organization", "organization"),
            changes,
            unchanged,
            refusals,
            readTarget(root.get("target")),
            readOutside(root.get("outside")));
    if (!kinds) {
      return new Saved(meta, plan);
    }
    JsonNode resources = root.get("resources");
    if (resources == null || !resources.isArray()) {
      throw new Unreadable("saved plan field 'resources' must be a list");
    }
    JsonNode same = root.get("resources_unchanged");
    return new Saved(
        meta,
        plan,
        reqStr(root, "sensitive_salt", "sensitive_salt"),
        resources,
        same != null && same.canConvertToInt() ? Math.max(0, same.asInt()) : 0);
  }

  /** The target of a targeted plan (absent or null: a full plan). */
  private static Target readTarget(JsonNode t) {
    if (t == null || t.isNull()) {
      return null;
    }
    if (!t.isObject()) {
      throw new Unreadable("saved plan field 'target' must be an object or null");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode n : array(t, "names", "target.")) {
      names.add(str(n, "target.names[]"));
    }
    return new Target(
        new java.util.TreeSet<>(names),
        nonNegative(t, "declared", "target."),
        reqStr(t, "basis", "target.basis"));
  }

  private static Outside readOutside(JsonNode o) {
    if (o == null || o.isNull()) {
      return Outside.NONE;
    }
    if (!o.isObject()) {
      throw new Unreadable("saved plan field 'outside' must be an object");
    }
    List<String> orphans = new ArrayList<>();
    for (JsonNode n : array(o, "orphans", "outside.")) {
      orphans.add(str(n, "outside.orphans[]"));
    }
    return new Outside(orphans, nonNegative(o, "unmanaged", "outside."));
  }

  private static Change readChange(JsonNode c, String at) {
    if (!c.isObject()) {
      throw new Unreadable("saved plan field '" + at + "' must be an object");
    }
    String p = at + ".";
    List<Action> actions = new ArrayList<>();
    for (JsonNode a : array(c, "actions", p)) {
      String w = str(a, p + "actions[]");
      Action action =
          Arrays.stream(Action.values())
              .filter(x -> x.word().equals(w))
              .findFirst()
              .orElseThrow(
                  () ->
                      new Unreadable(
                          "saved plan field '"
                              + p
                              + "actions' has an unknown action \""
                              + w
                              + "\""));
      actions.add(action);
    }
    if (actions.isEmpty()) {
      throw new Unreadable("saved plan field '" + p + "actions' is empty");
    }
    String file = optStr(c, "file", p + "file");
    SourceLocation source =
        file == null
            ? null
            : new SourceLocation(
                file, optInt(c, "line", p).orElse(0), optInt(c, "column", p).orElse(1));
    JsonNode drift = c.get("drift");
    Change.Drift d = null;
    if (drift != null && drift.isObject()) {
      d =
          new Change.Drift(
              readUser(drift.get("creator"), p + "drift.creator"),
              optInstant(drift, "created_at", p + "drift."));
    } else if (drift != null && !drift.isNull()) {
      throw new Unreadable("saved plan field '" + p + "drift' must be an object or null");
    }
    String id = optStr(c, "scenario_id", p + "scenario_id");
    List<UnitTestRef> tests = new ArrayList<>();
    for (JsonNode t : array(c, "unit_tests", p)) {
      if (!t.isObject()) {
        throw new Unreadable("saved plan field '" + p + "unit_tests[]' must be an object");
      }
      tests.add(
          new UnitTestRef(
              reqStr(t, "id", p + "unit_tests[].id"),
              reqStr(t, "name", p + "unit_tests[].name"),
              id));
    }
    return new Change(
        reqStr(c, "name", p + "name"),
        source,
        id,
        actions,
        optInt(c, "current_version", p).orElse(null),
        optInt(c, "expected_version", p).orElse(null),
        optInstant(c, "remote_updated_at", p),
        content(c.get("before"), p + "before"),
        content(c.get("after"), p + "after"),
        tags(c.get("before"), p + "before"),
        tags(c.get("after"), p + "after"),
        d,
        tests,
        optStr(c, "foreign_owner", p + "foreign_owner"),
        optStr(c, "renamed_from", p + "renamed_from"));
  }

  private static VersionContent content(JsonNode n, String at) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new Unreadable("saved plan field '" + at + "' must be an object or null");
    }
    if (!n.has("objective")) {
      return null;
    }
    String p = at + ".";
    String type = reqStr(n, "initial_message_type", p + "initial_message_type");
    // The remote's before-state may hold a value a newer API added; what is written never does.
    InitialMessageType t =
        at.endsWith("before")
            ? InitialMessageType.read(type)
            : InitialMessageType.fromWire(type)
                .orElseThrow(
                    () ->
                        new Unreadable(
                            "saved plan field '"
                                + p
                                + "initial_message_type' has an unknown value \""
                                + type
                                + "\""));
    Instant startsAt = optInstant(n, "conversation_starts_at", p);
    String written = optStr(n, AS_WRITTEN, p + AS_WRITTEN);
    if (written != null && at.endsWith("before")) {
      throw new Unreadable(
          "saved plan field '" + p + AS_WRITTEN + "' is not allowed (the remote has no spelling)");
    }
    if (written != null && !VersionContent.spells(written, startsAt)) {
      throw new Unreadable(
          "saved plan field '"
              + p
              + AS_WRITTEN
              + "' must spell the time in "
              + p
              + "conversation_starts_at");
    }
    return new VersionContent(
        reqStr(n, "objective", p + "objective"),
        reqStr(n, "instructions", p + "instructions"),
        t,
        startsAt,
        written);
  }

  /** The start time as the file spells it, recorded for {@code show} when it is not UTC. */
  private static final String AS_WRITTEN = "conversation_starts_at_as_written";

  private static Map<String, String> tags(JsonNode n, String at) {
    if (n == null || n.isNull() || !n.has("tags")) {
      return null;
    }
    JsonNode t = n.get("tags");
    if (!t.isObject()) {
      throw new Unreadable("saved plan field '" + at + ".tags' must be an object");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : t.properties()) {
      JsonNode v = e.getValue();
      if (!v.isNull() && !v.isString()) {
        throw new Unreadable(
            "saved plan field '" + at + ".tags." + e.getKey() + "' must be a string or null");
      }
      out.put(e.getKey(), v.isNull() ? null : v.asString());
    }
    return out;
  }

  private static UserRef readUser(JsonNode n, String at) {
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw new Unreadable("saved plan field '" + at + "' must be an object or null");
    }
    return new UserRef(optStr(n, "org_id", at + ".org_id"), optStr(n, "user_id", at + ".user_id"));
  }

  // Strict field readers: the message names the field and what it must be.

  private static Iterable<JsonNode> array(JsonNode parent, String field, String prefix) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isArray()) {
      throw new Unreadable("saved plan field '" + prefix + field + "' must be a list");
    }
    return n;
  }

  private static SortedMap<String, String> hashMap(JsonNode root, String field) {
    JsonNode n = root.get(field);
    if (n == null) {
      throw new Unreadable(
          "saved plan has no '"
              + field
              + "' hashes (made by an older version?); make the plan again");
    }
    if (!n.isObject()) {
      throw new Unreadable("saved plan field '" + field + "' must be an object of SHA-256 hashes");
    }
    SortedMap<String, String> out = new TreeMap<>();
    for (Map.Entry<String, JsonNode> e : n.properties()) {
      JsonNode v = e.getValue();
      if (!v.isString() || !v.asString().matches("[0-9a-f]{64}")) {
        throw new Unreadable(
            "saved plan field '" + field + "." + e.getKey() + "' must be a SHA-256 hash");
      }
      out.put(e.getKey(), v.asString());
    }
    return out;
  }

  private static String str(JsonNode n, String at) {
    if (n == null || !n.isString()) {
      throw new Unreadable("saved plan field '" + at + "' must be a string");
    }
    return n.asString();
  }

  private static String reqStr(JsonNode parent, String field, String at) {
    return str(parent.get(field), at);
  }

  private static String optStr(JsonNode parent, String field, String at) {
    JsonNode n = parent.get(field);
    return n == null || n.isNull() ? null : str(n, at);
  }

  private static boolean bool(JsonNode parent, String field, String prefix) {
    JsonNode n = parent.get(field);
    if (n == null || !n.isBoolean()) {
      throw new Unreadable("saved plan field '" + prefix + field + "' must be true or false");
    }
    return n.asBoolean();
  }

  private static Optional<Integer> optInt(JsonNode parent, String field, String prefix) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return Optional.empty();
    }
    if (!n.isInt() || n.asInt() < 0) {
      throw new Unreadable(
          "saved plan field '" + prefix + field + "' must be a whole number from 0");
    }
    return Optional.of(n.asInt());
  }

  private static int nonNegative(JsonNode parent, String field, String prefix) {
    return optInt(parent, field, prefix)
        .orElseThrow(
            () ->
                new Unreadable(
                    "saved plan field '" + prefix + field + "' must be a whole number from 0"));
  }

  private static Instant optInstant(JsonNode parent, String field, String prefix) {
    JsonNode n = parent.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    try {
      return Instant.parse(str(n, prefix + field));
    } catch (DateTimeParseException e) {
      throw new Unreadable("saved plan field '" + prefix + field + "' must be a UTC time");
    }
  }

  private static Instant reqInstant(JsonNode parent, String field, String prefix) {
    Instant i = optInstant(parent, field, prefix);
    if (i == null) {
      throw new Unreadable("saved plan field '" + prefix + field + "' must be a UTC time");
    }
    return i;
  }
}
