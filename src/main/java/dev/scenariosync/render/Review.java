package dev.scenariosync.render;

import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a reviewer needs from one change of any kind before opening it, shared by the text and
 * Markdown renderers and driven by the kind's {@link KindSpec}: the kind of change, the versions,
 * the fields changed and by how much, the resources it reaches (the unit tests that run a new
 * version, those re-pointed by a rename, those that block a delete), what it is compared from and
 * to, and whether the remote latest version was made by someone else. Remote text is returned raw:
 * each renderer escapes it for its own output.
 */
final class Review {
  /** The most names listed for one change; the rest are counted. */
  static final int MAX_TESTS_LISTED = 20;

  private Review() {}

  /** The kind of change a reviewer tells apart at a glance. */
  enum Kind {
    CREATE("+", "create", "🟢"),
    RENAME("+", "rename", "🟢"),
    UPDATE("~", "update", "🟡"),
    DELETE("-", "DELETE", "🔴"),
    BLOCKED("!", "delete BLOCKED", "⛔"),
    FOREIGN("!", "foreign", "⚪");

    final String symbol;
    final String word;
    final String emoji;

    Kind(String symbol, String word, String emoji) {
      this.symbol = symbol;
      this.word = word;
      this.emoji = emoji;
    }
  }

  static Kind kind(ResourceChange c) {
    if (c instanceof ResourceChange.Create) {
      return Kind.CREATE;
    }
    if (c instanceof ResourceChange.Rename) {
      return Kind.RENAME;
    }
    if (c instanceof ResourceChange.Blocked) {
      return Kind.BLOCKED;
    }
    if (c instanceof ResourceChange.Delete) {
      return Kind.DELETE;
    }
    if (c instanceof ResourceChange.Foreign) {
      return Kind.FOREIGN;
    }
    return Kind.UPDATE;
  }

  /** The section title of a kind. */
  static String title(ResourceKind k) {
    return switch (k) {
      case SCENARIO -> "Scenarios";
      case PERSONA -> "Personas";
      case UNIT_TEST -> "Unit tests";
      case UNIT_TEST_SET -> "Unit test sets";
    };
  }

  /**
   * The plan's changes grouped by kind (scenarios, personas, unit tests, sets), each group in the
   * plan's order (writes, then deletes).
   */
  static Map<ResourceKind, List<ResourceChange>> byKind(Plan plan) {
    Map<ResourceKind, List<ResourceChange>> out = new TreeMap<>();
    for (ResourceChange c : plan.changes()) {
      out.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
    }
    return out;
  }

  /** Whether sections carry their kind's title: when the plan changes more than scenarios. */
  static boolean titled(Map<ResourceKind, List<ResourceChange>> byKind) {
    return !byKind.keySet().stream().allMatch(k -> k == ResourceKind.SCENARIO);
  }

  /** The update whose fields a change shows: itself, or the one a foreign resource asks for. */
  static ResourceChange.Update update(ResourceChange c) {
    if (c instanceof ResourceChange.Update u) {
      return u;
    }
    return c instanceof ResourceChange.Foreign f ? f.wanted() : null;
  }

  /** The delete a change makes, or would make but for what blocks it (null when not recorded). */
  private static ResourceChange.Delete delete(ResourceChange c) {
    if (c instanceof ResourceChange.Delete d) {
      return d;
    }
    return c instanceof ResourceChange.Blocked b ? b.wouldDelete() : null;
  }

  /** The remote latest version's number, when the change has one. */
  static Integer currentVersion(ResourceChange c) {
    ResourceChange.Delete d = delete(c);
    if (d != null) {
      return d.currentVersion();
    }
    ResourceChange.Update u = update(c);
    return u == null ? null : u.currentVersion();
  }

  /** Who made the remote latest version (that an update replaces or a delete removes), or null. */
  static ResourceChange.Edit latest(ResourceChange c) {
    ResourceChange.Delete d = delete(c);
    if (d != null) {
      return d.latest();
    }
    ResourceChange.Update u = update(c);
    return u == null ? null : u.latest();
  }

  /** The remote id, when the resource exists remotely (a rename: the old one's). */
  static String id(ResourceChange c) {
    return c instanceof ResourceChange.Rename x ? x.oldId() : c.id();
  }

  /** The remote fields (null for a create or rename: nothing remote is compared). */
  static Map<String, Object> before(ResourceChange c) {
    if (c instanceof ResourceChange.Blocked b && b.wouldDelete() == null) {
      return Map.of();
    }
    ResourceChange.Delete d = delete(c);
    if (d != null) {
      return d.before();
    }
    ResourceChange.Update u = update(c);
    return u == null ? null : u.before();
  }

  /** Whether the change makes a new version (sent with its expected number). */
  static boolean newVersion(ResourceChange c) {
    return c instanceof ResourceChange.Update u && u.expectedVersion() != null;
  }

  /**
   * "v2 → v3" for a new version, "v2" otherwise, "v1" for a create or rename of a versioned kind,
   * "" when not known or the kind has no versions.
   */
  static String versions(ResourceChange c) {
    if (c instanceof ResourceChange.Create || c instanceof ResourceChange.Rename) {
      return Kinds.of(c.kind()).versioned() ? "v1" : "";
    }
    if (c instanceof ResourceChange.Update u && u.expectedVersion() != null) {
      return "v" + (u.expectedVersion() - 1) + " → v" + u.expectedVersion();
    }
    Integer current = currentVersion(c);
    return current == null ? "" : "v" + current;
  }

  /**
   * The fields an update changes, with how much: "instructions: 1 word" for text, the name for
   * other fields, "tags: suite" (the keys, the ownership tag left out), "adopt". Keys and values
   * are raw remote or file text.
   */
  static List<String> fields(ResourceChange c, String ownershipKey) {
    List<String> out = new ArrayList<>();
    if (!(c instanceof ResourceChange.Update u)) {
      return out;
    }
    for (FieldSpec f : Kinds.of(c.kind()).fields()) {
      if (!u.changed().contains(f.name())) {
        continue;
      }
      Object was = u.before().get(f.name());
      Object will = u.after().get(f.name());
      if (f.rule() == FieldRule.TEXT) {
        int words = WordDiff.changedWords(text(was), text(will));
        out.add(f.name() + ": " + words + (words == 1 ? " word" : " words"));
      } else {
        out.add(f.name());
      }
    }
    if (u.tagsChanged()) {
      TreeSet<String> keys = new TreeSet<>();
      Map<String, String> before = u.tagsBefore();
      Map<String, String> after = u.tagsAfter();
      keys.addAll(before.keySet());
      keys.addAll(after.keySet());
      keys.removeIf(k -> Objects.equals(before.get(k), after.get(k)) || k.equals(ownershipKey));
      if (!keys.isEmpty()) {
        out.add("tags: " + String.join(", ", keys));
      }
    }
    if (u.adopt()) {
      out.add("adopt (adds the ownership tag)");
    }
    return out;
  }

  static String text(Object v) {
    return v == null ? "" : v.toString();
  }

  /** The changed text fields of an update, before and after, in the kind's order. */
  static Map<String, String[]> texts(ResourceChange c) {
    Map<String, String[]> m = new LinkedHashMap<>();
    if (c instanceof ResourceChange.Update u) {
      for (FieldSpec f : Kinds.of(c.kind()).fields()) {
        if (f.rule() == FieldRule.TEXT && u.changed().contains(f.name())) {
          m.put(
              f.name(),
              new String[] {text(u.before().get(f.name())), text(u.after().get(f.name()))});
        }
      }
    }
    return m;
  }

  /** The changed time fields of an update, by name: before and after. */
  static Map<String, Object[]> times(ResourceChange c) {
    Map<String, Object[]> m = new LinkedHashMap<>();
    if (c instanceof ResourceChange.Update u) {
      for (FieldSpec f : Kinds.of(c.kind()).fields()) {
        if (f.rule() == FieldRule.TIME && u.changed().contains(f.name())) {
          m.put(f.name(), new Object[] {u.before().get(f.name()), u.after().get(f.name())});
        }
      }
    }
    return m;
  }

  /**
   * The resources a change reaches, by name: the unit tests that will run a new version, those a
   * rename re-points, or those that block a delete (raw, sorted).
   */
  static List<Ref> reached(ResourceChange c) {
    List<Ref> out = new ArrayList<>();
    if (c instanceof ResourceChange.Update u) {
      for (UnitTestRef t : u.impact()) {
        out.add(new Ref(ResourceKind.UNIT_TEST, t.name(), t.id()));
      }
    } else if (c instanceof ResourceChange.Rename r) {
      r.repointed().forEach((id, name) -> out.add(new Ref(ResourceKind.UNIT_TEST, name, id)));
    } else if (c instanceof ResourceChange.Blocked b) {
      out.addAll(b.blockers());
    }
    out.sort(java.util.Comparator.comparing(Ref::toString));
    return out;
  }

  /** "1 unit test", "3 unit tests" (for a new version or a blocked delete), or null. */
  static String testCount(ResourceChange c) {
    if (!newVersion(c) && !(c instanceof ResourceChange.Blocked)) {
      return null;
    }
    List<Ref> reached = reached(c);
    if (reached.isEmpty()) {
      return null;
    }
    return counted(reached);
  }

  /** "2 unit tests", "1 unit test set", or "3 resources" when of several kinds. */
  private static String counted(List<Ref> refs) {
    int n = refs.size();
    return n + " " + (n == 1 ? noun(refs).replaceAll("s$", "") : noun(refs));
  }

  /** "unit tests", "unit test sets", or "resources" when of several kinds. */
  static String noun(List<Ref> refs) {
    ResourceKind k = refs.get(0).kind();
    if (refs.stream().anyMatch(r -> r.kind() != k)) {
      return "resources";
    }
    return k.word().replace('_', ' ') + "s";
  }

  /** The reached names, at most {@link #MAX_TESTS_LISTED}; raw. */
  static List<String> reachedNames(ResourceChange c) {
    return reached(c).stream().map(Ref::toString).limit(MAX_TESTS_LISTED).toList();
  }

  /** How many reached names {@link #reachedNames} leaves out. */
  static int notListed(ResourceChange c) {
    return Math.max(0, reached(c).size() - MAX_TESTS_LISTED);
  }

  /**
   * True when the remote latest version that this change replaces was made by someone other than
   * the user applying (merging then reverts an edit made elsewhere, such as in the UI); false when
   * the applying user is unknown (a note still names who made it).
   */
  static boolean madeElsewhere(ResourceChange c, PlanContext ctx) {
    ResourceChange.Edit latest = latest(c);
    if (latest == null || latest.creator() == null || !newVersion(c)) {
      return false;
    }
    return ctx.user() != null && !ctx.user().equals(latest.creator().userId());
  }

  /** The first text field of what a delete removes (a scenario's objective), or null. */
  static String[] identifying(ResourceChange c) {
    Map<String, Object> before = before(c);
    if (before == null || !c.removes()) {
      return null;
    }
    for (FieldSpec f : Kinds.of(c.kind()).fields()) {
      if (f.rule() == FieldRule.TEXT && before.get(f.name()) != null) {
        return new String[] {f.name(), before.get(f.name()).toString()};
      }
    }
    return null;
  }
}
