package dev.scenariosync.plan.file;

import dev.scenariosync.model.Ref;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Secret;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.WrittenTime;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The persona, unit test and unit test set changes of a plan as JSON (the {@code resources} of a
 * format 2 plan). A sensitive value is written as {@code {"sensitive": "sha256:..."}}, the hash of
 * a salt written once in the plan ({@code sensitive_salt}) and the value: a change is still seen, a
 * stale plan still refused, and the value never appears.
 */
public final class ResourceJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ResourceJson() {}

  /** A new random salt for one plan file. */
  public static String newSalt() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /**
   * Adds {@code sensitive_salt}, {@code resources_unchanged} and {@code resources} (these changes,
   * of the kinds beyond scenarios) to a plan.
   */
  static void write(ObjectNode root, List<ResourceChange> changes, int unchanged, String salt) {
    root.put("sensitive_salt", salt);
    root.put("resources_unchanged", unchanged);
    ArrayNode out = root.putArray("resources");
    changes.forEach(c -> out.add(change(c, salt)));
  }

  /** The plan's changes of the kinds beyond scenarios as {@link PlanJson#write} writes them. */
  public static ArrayNode changes(Plan plan, String salt) {
    ArrayNode out = F.arrayNode();
    plan.changes().stream()
        .filter(c -> c.kind() != ResourceKind.SCENARIO)
        .forEach(c -> out.add(change(c, salt)));
    return out;
  }

  /** A saved format 2 plan as JSON again: the scenario part re-written, the resources as saved. */
  public static String rewrite(
      String scenarioJson, JsonNode resources, String salt, int unchanged) {
    tools.jackson.databind.json.JsonMapper json = dev.scenariosync.json.JsonOut.MAPPER;
    ObjectNode root = (ObjectNode) json.readTree(scenarioJson);
    root.put("format_version", PlanJson.FORMAT_VERSION_KINDS);
    root.put("sensitive_salt", salt);
    root.put("resources_unchanged", unchanged);
    root.set("resources", resources);
    return json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  static ObjectNode change(ResourceChange c, String salt) {
    ObjectNode o = F.objectNode();
    o.put("kind", c.kind().word());
    o.put("name", c.name());
    o.put("action", c.action().word());
    if (c instanceof ResourceChange.Create x) {
      source(o, x.source());
      o.set("after", fields(x.after(), salt));
      o.set("tags_after", value(x.tagsAfter(), salt));
    } else if (c instanceof ResourceChange.Update x) {
      source(o, x.source());
      o.put("id", x.id());
      if (x.expectedVersion() != null) {
        o.put("expected_version", x.expectedVersion());
      }
      o.put(
          "remote_updated_at", x.remoteUpdatedAt() == null ? null : x.remoteUpdatedAt().toString());
      ArrayNode ch = o.putArray("changed");
      x.changed().forEach(ch::add);
      o.put("adopt", x.adopt());
      o.set("before", fields(x.before(), salt));
      o.set("after", fields(x.after(), salt));
      o.set("tags_before", value(x.tagsBefore(), salt));
      o.set("tags_after", value(x.tagsAfter(), salt));
    } else if (c instanceof ResourceChange.Rename x) {
      source(o, x.source());
      o.put("renamed_from", x.renamedFrom());
      o.put("old_id", x.oldId());
      if (x.oldVersion() != null) {
        o.put("old_version", x.oldVersion());
      }
      o.put("old_updated_at", x.oldUpdatedAt() == null ? null : x.oldUpdatedAt().toString());
      o.set("after", fields(x.after(), salt));
      o.set("tags_after", value(x.tagsAfter(), salt));
      ObjectNode r = o.putObject("repointed");
      x.repointed().forEach(r::put);
    } else if (c instanceof ResourceChange.Delete x) {
      o.put("id", x.id());
      if (x.currentVersion() != null) {
        o.put("current_version", x.currentVersion());
      }
      o.put(
          "remote_updated_at", x.remoteUpdatedAt() == null ? null : x.remoteUpdatedAt().toString());
      o.set("before", fields(x.before(), salt));
      o.set("tags_before", value(x.tagsBefore(), salt));
    } else if (c instanceof ResourceChange.Blocked x) {
      o.put("id", x.id());
      ArrayNode b = o.putArray("blocked_by");
      x.labels().forEach(b::add);
    } else if (c instanceof ResourceChange.Foreign x) {
      source(o, x.source());
      o.put("id", x.id());
      o.put("owner", x.owner());
    }
    return o;
  }

  private static void source(ObjectNode o, SourceLocation s) {
    if (s != null) {
      o.putObject("source").put("file", s.file()).put("line", s.line()).put("column", s.column());
    }
  }

  /**
   * A kind's field values as an object, in their order: each by {@link #value}; a time a file
   * spells otherwise than in UTC gets the spelling beside it ({@code <field>_as_written}, for
   * {@code show} only: apply takes the content from the files).
   */
  static ObjectNode fields(Map<String, Object> fields, String salt) {
    ObjectNode o = F.objectNode();
    fields.forEach(
        (k, v) -> {
          o.set(k, value(v, salt));
          if (v instanceof WrittenTime t
              && t.written() != null
              && !t.written().equals(t.at().toString())) {
            o.put(k + "_as_written", t.written());
          }
        });
    return o;
  }

  static JsonNode value(Object v, String salt) {
    if (v == null) {
      return F.nullNode();
    }
    if (v instanceof Secret s) {
      return F.objectNode().put("sensitive", s.digest(salt));
    }
    if (v instanceof Ref r) {
      ObjectNode o = F.objectNode();
      if (r.name() != null) {
        o.put("name", r.name());
      }
      if (r.id() != null) {
        o.put("id", r.id());
      }
      return o;
    }
    if (v instanceof WrittenTime t) {
      return F.stringNode(t.at().toString());
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode o = F.objectNode();
      m.forEach((k, x) -> o.set(k.toString(), value(x, salt)));
      return o;
    }
    if (v instanceof List<?> l) {
      ArrayNode a = F.arrayNode();
      l.forEach(x -> a.add(value(x, salt)));
      return a;
    }
    if (v instanceof BigDecimal d) {
      return F.numberNode(d);
    }
    if (v instanceof Boolean b) {
      return F.booleanNode(b);
    }
    return F.stringNode(v.toString());
  }
}
