package dev.scenariosync.render;

import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The persona, unit test and unit test set changes of a plan, one section per kind, for the text
 * and Markdown plans: what is created, each changed field before and after, what blocks a delete.
 * Sensitive values show as {@code (sensitive)}; remote text is shown with control characters
 * escaped.
 */
public final class ResourceText {
  private ResourceText() {}

  /** The section title of a kind. */
  static String title(ResourceKind k) {
    return switch (k) {
      case PERSONA -> "Personas";
      case UNIT_TEST -> "Unit tests";
      case UNIT_TEST_SET -> "Unit test sets";
      case SCENARIO -> "Scenarios";
    };
  }

  /** The lines of every section (empty when the plan has no such change). */
  public static List<String> lines(Plan plan) {
    return lines(plan, null);
  }

  /**
   * As {@link #lines(Plan)}, with the ownership tag ({@code ownershipKey}) left out of tag lines
   * unless it changes (an adopt), as for scenarios: it is on every managed resource.
   */
  public static List<String> lines(Plan plan, String ownershipKey) {
    List<String> out = new ArrayList<>();
    for (KindSpec spec : Kinds.resources()) {
      List<ResourceChange> mine =
          plan.resources().stream().filter(c -> c.kind() == spec.kind()).toList();
      if (mine.isEmpty()) {
        continue;
      }
      out.add("");
      out.add(title(spec.kind()) + ":");
      for (ResourceChange c : mine) {
        out.add("");
        out.add(headline(c));
        out.addAll(body(spec, c, ownershipKey).stream().map(l -> "    " + l).toList());
      }
    }
    return out;
  }

  static String headline(ResourceChange c) {
    String what =
        switch (c.action()) {
          case VERSION ->
              "new version "
                  + ((ResourceChange.Update) c).expectedVersion()
                  + " (remote is at "
                  + (((ResourceChange.Update) c).expectedVersion() - 1)
                  + ")";
          case BLOCKED -> "delete blocked";
          case RENAME -> "rename from " + safe(((ResourceChange.Rename) c).renamedFrom());
          case FOREIGN -> "foreign, owned by " + safe(((ResourceChange.Foreign) c).owner());
          default -> c.action().word();
        };
    if (c instanceof ResourceChange.Update u && u.adopt()) {
      what += ", adopt (add the ownership tag)";
    }
    String where = "";
    if (c instanceof ResourceChange.Create x && x.source() != null) {
      where = "  (" + Safe.oneLine(x.source().file()) + ":" + x.source().line() + ")";
    } else if (c instanceof ResourceChange.Rename x && x.source() != null) {
      where = "  (" + Safe.oneLine(x.source().file()) + ":" + x.source().line() + ")";
    } else if (c instanceof ResourceChange.Update x && x.source() != null) {
      where = "  (" + Safe.oneLine(x.source().file()) + ":" + x.source().line() + ")";
    }
    return c.action().symbol() + " " + c.kind().word() + " " + safe(c.name()) + ": " + what + where;
  }

  static List<String> body(KindSpec spec, ResourceChange c) {
    return body(spec, c, null);
  }

  static List<String> body(KindSpec spec, ResourceChange c, String ownershipKey) {
    List<String> out = new ArrayList<>();
    if (c instanceof ResourceChange.Create x) {
      for (FieldSpec f : spec.fields()) {
        Object v = x.after().get(f.name());
        if (v != null) {
          out.add("+ " + f.name() + ": " + shown(v));
        }
      }
      Map<String, String> tags = without(x.tagsAfter(), ownershipKey);
      if (!tags.isEmpty()) {
        out.add("+ tags: " + shown(tags));
      }
    } else if (c instanceof ResourceChange.Update x) {
      for (String name : x.changed()) {
        if (name.equals("tags")) {
          String key = x.adopt() ? null : ownershipKey;
          out.add(
              "~ tags: "
                  + shown(without(x.tagsBefore(), key))
                  + " -> "
                  + shown(without(x.tagsAfter(), key)));
          continue;
        }
        Object before = x.before().get(name);
        Object after = x.after().get(name);
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
          // A map is shown key by key, so that one sensitive value changed says which.
          for (Object k : union(b, a)) {
            if (!Objects.equals(b.get(k), a.get(k))) {
              out.add(
                  "~ "
                      + name
                      + "."
                      + safe(k.toString())
                      + ": "
                      + shown(b.get(k))
                      + " -> "
                      + shown(a.get(k)));
            }
          }
        } else {
          out.add("~ " + name + ": " + shown(before) + " -> " + shown(after));
        }
      }
    } else if (c instanceof ResourceChange.Rename x) {
      for (FieldSpec f : spec.fields()) {
        Object v = x.after().get(f.name());
        if (v != null) {
          out.add("+ " + f.name() + ": " + shown(v));
        }
      }
      out.add("+ tags: " + shown(x.tagsAfter()));
      x.repointed().entrySet().stream()
          .sorted(Map.Entry.comparingByValue())
          .forEach(
              e ->
                  out.add(
                      "~ unit test "
                          + safe(e.getValue())
                          + " re-pointed (id "
                          + Safe.oneLine(e.getKey())
                          + ")"));
      out.add(
          "- "
              + x.kind().word()
              + " "
              + safe(x.renamedFrom())
              + " (id "
              + Safe.oneLine(x.oldId())
              + ") deleted last, after every other write succeeded");
    } else if (c instanceof ResourceChange.Delete x) {
      out.add("- (id " + Safe.oneLine(x.id()) + ")");
    } else if (c instanceof ResourceChange.Blocked x) {
      out.add("not deleted: used by " + safe(String.join(", ", x.labels())));
    } else if (c instanceof ResourceChange.Foreign) {
      out.add("apply leaves it alone; plan and apply with --take-over to take it over");
    }
    return out;
  }

  private static Map<String, String> without(Map<String, String> tags, String key) {
    if (key == null || tags == null || !tags.containsKey(key)) {
      return tags;
    }
    Map<String, String> out = new java.util.TreeMap<>(tags);
    out.remove(key);
    return out;
  }

  private static List<Object> union(Map<?, ?> a, Map<?, ?> b) {
    java.util.TreeSet<String> keys = new java.util.TreeSet<>();
    a.keySet().forEach(k -> keys.add(k.toString()));
    b.keySet().forEach(k -> keys.add(k.toString()));
    return new ArrayList<>(keys);
  }

  static String shown(Object v) {
    return safe(v == null ? "(none)" : FieldRule.show(v));
  }

  /** Remote text on one line, made inert by the one escaper ({@link Safe#item}). */
  static String safe(String s) {
    return Safe.item(s);
  }

  /**
   * The lines {@code show} prints for a saved plan's persona, unit test and set changes: action,
   * kind, name and the fields it changes or what blocks it (values are not in these lines).
   */
  public static java.util.List<String> savedLines(tools.jackson.databind.JsonNode resources) {
    java.util.List<String> out = new java.util.ArrayList<>();
    for (tools.jackson.databind.JsonNode n : resources) {
      String action = n.path("action").asString("");
      String symbol =
          switch (action) {
            case "create", "rename" -> "+";
            case "delete" -> "-";
            case "blocked", "foreign" -> "!";
            default -> "~";
          };
      StringBuilder sb = new StringBuilder();
      sb.append(symbol)
          .append(' ')
          .append(Safe.item(n.path("kind").asString("")))
          .append(' ')
          .append(Safe.item(n.path("name").asString("")))
          .append(": ")
          .append(Safe.item(action));
      if (n.has("renamed_from")) {
        sb.append(" from ").append(Safe.item(n.path("renamed_from").asString("")));
      }
      if (n.has("expected_version")) {
        sb.append(" (new version ").append(n.path("expected_version").asInt()).append(')');
      }
      java.util.List<String> parts = new java.util.ArrayList<>();
      n.path("changed").forEach(x -> parts.add(Safe.item(x.asString(""))));
      if (!parts.isEmpty()) {
        sb.append(" · ").append(String.join(", ", parts));
      }
      java.util.List<String> by = new java.util.ArrayList<>();
      n.path("blocked_by").forEach(x -> by.add(Safe.item(x.asString(""))));
      if (!by.isEmpty()) {
        sb.append(" · used by ").append(String.join(", ", by));
      }
      out.add(sb.toString());
    }
    return out;
  }
}
