package dev.scenariosync.plan.file;

import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Outside;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
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

  private static final JsonMapper JSON = dev.scenariosync.json.JsonOut.MAPPER;

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
      t.put("planned", plan.plannedInTarget());
      ArrayNode names = t.putArray("names");
      plan.target().names().forEach(names::add);
      if (plan.target().overKinds()) {
        // format 2 only: the targeted personas, unit tests and sets, by kind
        ObjectNode kinds = t.putObject("kinds");
        plan.target().kinds().forEach((k, n) -> n.forEach(kinds.putArray(k.word())::add));
      }
    } else {
      root.putNull("target");
    }
    ObjectNode outside = root.putObject("outside");
    ArrayNode orphans = outside.putArray("orphans");
    plan.outside().orphans().forEach(orphans::add);
    outside.put("unmanaged", plan.outside().unmanaged());
    ArrayNode changes = root.putArray("changes");
    List<ResourceChange> others = new ArrayList<>();
    List<ResourceChange.Rename> renames = new ArrayList<>();
    for (ResourceChange c : plan.changes()) {
      if (c.kind() != ResourceKind.SCENARIO) {
        others.add(c);
        continue;
      }
      changes.add(entry(c));
      if (c instanceof ResourceChange.Rename r) {
        renames.add(r);
      }
    }
    // A rename is one change; its delete of the old name stays an entry of its own, last, so that
    // a format 1 reader (which knows the delete as a change) reads the same plan.
    renames.sort(java.util.Comparator.comparing(ResourceChange.Rename::renamedFrom));
    renames.forEach(r -> changes.add(renameDelete(r)));
    if (plan.hasResources()) {
      ResourceJson.write(root, others, plan.resourcesUnchanged(), ResourceJson.newSalt());
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  /** A scenario change as a format 1 entry (the fields of the scenario kind, tags beside them). */
  private static ObjectNode entry(ResourceChange c) {
    SourceLocation source = null;
    String id = null;
    Integer current = null;
    Integer expected = null;
    Instant updatedAt = null;
    JsonNode before = JSON.nullNode();
    JsonNode after = JSON.nullNode();
    ResourceChange.Edit latest = null;
    List<String[]> tests = new ArrayList<>();
    String owner = null;
    String renamedFrom = null;
    List<Action> actions = c.actions();
    if (c instanceof ResourceChange.Create x) {
      source = x.source();
      after = state(x.after(), x.tagsAfter());
    } else if (c instanceof ResourceChange.Rename x) {
      source = x.source();
      actions = List.of(Action.CREATE, Action.RENAME);
      after = state(x.after(), x.tagsAfter());
      x.repointed().forEach((k, v) -> tests.add(new String[] {k, v}));
      renamedFrom = x.renamedFrom();
    } else if (c instanceof ResourceChange.Update x) {
      source = x.source();
      id = x.id();
      current = x.currentVersion();
      expected = x.expectedVersion();
      updatedAt = x.remoteUpdatedAt();
      before = state(x.before(), x.tagsBefore());
      after = state(x.after(), x.tagsAfter());
      latest = x.latest();
      x.impact().forEach(t -> tests.add(new String[] {t.id(), t.name()}));
    } else if (c instanceof ResourceChange.Delete x) {
      id = x.id();
      current = x.currentVersion();
      updatedAt = x.remoteUpdatedAt();
      before = state(x.before(), x.tagsBefore());
      latest = x.latest();
    } else if (c instanceof ResourceChange.Blocked x) {
      id = x.id();
      if (x.wouldDelete() != null) {
        ResourceChange.Delete d = x.wouldDelete();
        current = d.currentVersion();
        updatedAt = d.remoteUpdatedAt();
        before = state(d.before(), d.tagsBefore());
        latest = d.latest();
      }
      x.blockers().forEach(b -> tests.add(new String[] {b.id(), b.name()}));
    } else if (c instanceof ResourceChange.Foreign x) {
      source = x.source();
      id = x.id();
      owner = x.owner();
      if (x.wanted() != null) {
        ResourceChange.Update w = x.wanted();
        current = w.currentVersion();
        updatedAt = w.remoteUpdatedAt();
        before = state(w.before(), w.tagsBefore());
        after = state(w.after(), w.tagsAfter());
      }
    }
    return entry(
        c.name(),
        source,
        id,
        actions,
        current,
        expected,
        updatedAt,
        before,
        after,
        latest,
        tests,
        owner,
        renamedFrom);
  }

  /** The delete of a rename's old name, as the format 1 entry it always was. */
  private static ObjectNode renameDelete(ResourceChange.Rename r) {
    return entry(
        r.renamedFrom(),
        null,
        r.oldId(),
        List.of(Action.DELETE),
        r.oldVersion(),
        null,
        r.oldUpdatedAt(),
        JSON.nullNode(),
        JSON.nullNode(),
        null,
        List.of(),
        null,
        null);
  }

  private static ObjectNode entry(
      String name,
      SourceLocation source,
      String id,
      List<Action> actions,
      Integer current,
      Integer expected,
      Instant updatedAt,
      JsonNode before,
      JsonNode after,
      ResourceChange.Edit latest,
      List<String[]> tests,
      String owner,
      String renamedFrom) {
    ObjectNode o = JSON.createObjectNode();
    o.put("name", name);
    o.put("file", source == null ? null : source.file());
    o.put("line", source == null ? null : source.line());
    o.put("column", source == null ? null : source.column());
    o.put("scenario_id", id);
    ArrayNode a = o.putArray("actions");
    actions.forEach(x -> a.add(x.word()));
    o.put("current_version", current);
    o.put("expected_version", expected);
    o.put("remote_updated_at", updatedAt == null ? null : updatedAt.toString());
    o.set("before", before);
    o.set("after", after);
    if (latest == null) {
      o.putNull("drift");
    } else {
      ObjectNode d = o.putObject("drift");
      user(d, "creator", latest.creator());
      d.put("created_at", latest.createdAt() == null ? null : latest.createdAt().toString());
    }
    ArrayNode t = o.putArray("unit_tests");
    tests.forEach(x -> t.addObject().put("id", x[0]).put("name", x[1]));
    if (owner != null) {
      o.put("foreign_owner", owner);
    }
    if (renamedFrom != null) {
      o.put("renamed_from", renamedFrom);
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

  /** The scenario kind's fields (by {@link ResourceJson#fields}) with the tags inside. */
  private static JsonNode state(Map<String, Object> fields, Map<String, String> tags) {
    ObjectNode o = ResourceJson.fields(fields, null);
    ObjectNode t = o.putObject("tags");
    new TreeMap<>(tags).forEach(t::put);
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
    List<ScenarioEntry> entries = new ArrayList<>();
    int i = 0;
    for (JsonNode c : array(root, "changes", "")) {
      String at = "changes[" + i++ + "]";
      try {
        entries.add(readChange(c, at));
      } catch (IllegalArgumentException e) {
        // an entry's own rules (ScenarioEntry's constructor), broken by the file
        throw new Unreadable("saved plan field '" + at + "': " + e.getMessage());
      }
    }
    List<ResourceChange> changes = ScenarioEntries.of(entries);
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
      if (plan.targeted() && plan.target().overKinds()) {
        throw new Unreadable("saved plan field 'target.kinds' needs format_version \"2\"");
      }
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
    Map<ResourceKind, java.util.SortedSet<String>> kinds =
        new java.util.EnumMap<>(ResourceKind.class);
    JsonNode k = t.get("kinds");
    if (k != null && !k.isNull()) {
      if (!k.isObject()) {
        throw new Unreadable("saved plan field 'target.kinds' must be an object");
      }
      for (String word : k.propertyNames()) {
        ResourceKind kind =
            ResourceKind.fromWord(word)
                .filter(x -> x != ResourceKind.SCENARIO)
                .orElseThrow(
                    () ->
                        new Unreadable(
                            "saved plan field 'target.kinds' has an unknown kind (persona,"
                                + " unit_test or unit_test_set)"));
        java.util.SortedSet<String> n = new java.util.TreeSet<>();
        for (JsonNode x : array(k, word, "target.kinds.")) {
          n.add(str(x, "target.kinds." + word + "[]"));
        }
        kinds.put(kind, n);
      }
    }
    return new Target(
        new java.util.TreeSet<>(names),
        nonNegative(t, "declared", "target."),
        reqStr(t, "basis", "target.basis"),
        kinds,
        kinds.isEmpty() ? null : nonNegative(t, "planned", "target."));
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

  private static ScenarioEntry readChange(JsonNode c, String at) {
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
    ScenarioEntry.Drift d = null;
    if (drift != null && drift.isObject()) {
      d =
          new ScenarioEntry.Drift(
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
    return new ScenarioEntry(
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
