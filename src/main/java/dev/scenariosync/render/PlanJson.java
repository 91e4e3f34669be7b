package dev.scenariosync.render;

import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Change;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.plan.Plan;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plan as stable JSON ({@code format_version} "1", described by {@code
 * schemas/plan.schema.json}) for machines, and as the saved-plan file of {@code plan --out}, which
 * {@code apply --plan} reads back. Built from its own field names, so that a refactoring of the
 * model never changes what consumers read. It holds no secret.
 */
public final class PlanJson {
  public static final String FORMAT_VERSION = "1";
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
      String toolVersion,
      Instant createdAt) {}

  /** A plan read back from a file. */
  public record Saved(Meta meta, Plan plan) {}

  /** Thrown when a file is not a saved plan this version can read. */
  public static final class Unreadable extends RuntimeException {
    public Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  public static String write(Plan plan, Meta meta) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", FORMAT_VERSION);
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
    ObjectNode summary = root.putObject("summary");
    plan.counts().forEach((a, n) -> summary.put(a.word(), n));
    summary.put("unchanged", plan.unchanged());
    ArrayNode refusals = root.putArray("refusals");
    plan.refusals().forEach(refusals::add);
    ArrayNode changes = root.putArray("changes");
    for (Change c : plan.changes()) {
      changes.add(change(c));
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
    }
    if (tags != null) {
      ObjectNode t = o.putObject("tags");
      new TreeMap<>(tags).forEach(t::put);
    }
    return o;
  }

  // ---------------------------------------------------------------- reading back

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
    if (!FORMAT_VERSION.equals(root.path("format_version").asString(""))) {
      throw new Unreadable(
          "saved plan format_version '"
              + root.path("format_version").asString("")
              + "' is not "
              + FORMAT_VERSION);
    }
    try {
      List<String> dirs = new ArrayList<>();
      root.path("directories").forEach(d -> dirs.add(d.asString()));
      SortedMap<String, String> files = new TreeMap<>();
      root.path("files").properties().forEach(e -> files.put(e.getKey(), e.getValue().asString()));
      JsonNode own = root.get("ownership");
      Ownership ownership =
          own == null || own.isNull()
              ? null
              : new Ownership(own.path("key").asString(), own.path("value").asString());
      Meta meta =
          new Meta(
              root.path("base_url").asString(null),
              root.path("local").asBoolean(false),
              dirs,
              files,
              ownership,
              root.path("prune").asBoolean(false),
              root.path("tool_version").asString(""),
              Instant.parse(root.path("created_at").asString()));
      List<Change> changes = new ArrayList<>();
      for (JsonNode c : root.path("changes")) {
        changes.add(readChange(c));
      }
      List<String> refusals = new ArrayList<>();
      root.path("refusals").forEach(r -> refusals.add(r.asString()));
      Plan plan =
          new Plan(
              root.path("organization").asString(),
              changes,
              root.path("summary").path("unchanged").asInt(0),
              refusals);
      return new Saved(meta, plan);
    } catch (RuntimeException e) {
      throw new Unreadable("saved plan is damaged (" + e.getMessage() + ")");
    }
  }

  private static Change readChange(JsonNode c) {
    List<Action> actions = new ArrayList<>();
    c.path("actions")
        .forEach(a -> actions.add(Action.valueOf(a.asString().toUpperCase(Locale.ROOT))));
    SourceLocation source =
        c.path("file").isString()
            ? new SourceLocation(
                c.path("file").asString(), c.path("line").asInt(0), c.path("column").asInt(1))
            : null;
    JsonNode drift = c.get("drift");
    Change.Drift d =
        drift == null || drift.isNull()
            ? null
            : new Change.Drift(readUser(drift.get("creator")), instant(drift.get("created_at")));
    List<UnitTestRef> tests = new ArrayList<>();
    c.path("unit_tests")
        .forEach(
            t ->
                tests.add(
                    new UnitTestRef(
                        t.path("id").asString(),
                        t.path("name").asString(),
                        text(c.get("scenario_id")))));
    return new Change(
        c.path("name").asString(),
        source,
        text(c.get("scenario_id")),
        actions,
        integer(c.get("current_version")),
        integer(c.get("expected_version")),
        instant(c.get("remote_updated_at")),
        content(c.get("before")),
        content(c.get("after")),
        tags(c.get("before")),
        tags(c.get("after")),
        d,
        tests);
  }

  private static VersionContent content(JsonNode n) {
    if (n == null || n.isNull() || !n.has("objective")) {
      return null;
    }
    return new VersionContent(
        n.path("objective").asString(),
        n.path("instructions").asString(),
        InitialMessageType.fromWire(n.path("initial_message_type").asString()).orElseThrow(),
        instant(n.get("conversation_starts_at")));
  }

  private static Map<String, String> tags(JsonNode n) {
    if (n == null || n.isNull() || !n.has("tags")) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    n.get("tags")
        .properties()
        .forEach(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asString()));
    return out;
  }

  private static UserRef readUser(JsonNode n) {
    return n == null || n.isNull()
        ? null
        : new UserRef(n.path("org_id").asString(), n.path("user_id").asString());
  }

  private static String text(JsonNode n) {
    return n == null || n.isNull() ? null : n.asString();
  }

  private static Integer integer(JsonNode n) {
    return n == null || n.isNull() ? null : n.asInt();
  }

  private static Instant instant(JsonNode n) {
    return n == null || n.isNull() ? null : Instant.parse(n.asString());
  }
}
