package dev.scenariosync.render;

import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a reviewer needs from one change before opening it, shared by the text and Markdown
 * renderers: the kind, the versions, the fields changed and by how much, the unit tests, and a
 * warning when the remote latest version was made by someone else. Remote text is returned raw:
 * each renderer escapes it for its own output.
 */
final class Review {
  /** The most unit-test names listed for one change; the rest are counted. */
  static final int MAX_TESTS_LISTED = 20;

  private Review() {}

  /** The kind a reviewer tells apart at a glance. */
  enum Kind {
    CREATE("+", "create", "🟢"),
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

  static Kind kind(Change c) {
    if (c.has(Action.CREATE)) {
      return Kind.CREATE;
    }
    if (c.has(Action.BLOCKED)) {
      return Kind.BLOCKED;
    }
    if (c.has(Action.DELETE)) {
      return Kind.DELETE;
    }
    if (c.has(Action.FOREIGN)) {
      return Kind.FOREIGN;
    }
    return Kind.UPDATE;
  }

  /** "v2 → v3" for a new version, "v2" otherwise, "v1" for a create, "" when not read. */
  static String versions(Change c) {
    if (c.has(Action.CREATE)) {
      return "v1";
    }
    if (c.expectedVersion() != null) {
      return "v" + c.currentVersion() + " → v" + c.expectedVersion();
    }
    return c.currentVersion() == null ? "" : "v" + c.currentVersion();
  }

  /**
   * The fields that change, with how much: "instructions: 1 word", "tags: suite", "adopt". Keys and
   * values are raw remote or file text.
   */
  static List<String> fields(Change c, String ownershipKey) {
    List<String> out = new ArrayList<>();
    if (c.has(Action.VERSION) && c.before() != null && c.after() != null) {
      Map<String, String[]> texts = texts(c.before(), c.after());
      texts.forEach(
          (field, pair) -> {
            if (!pair[0].equals(pair[1])) {
              int words = WordDiff.changedWords(pair[0], pair[1]);
              out.add(field + ": " + words + (words == 1 ? " word" : " words"));
            }
          });
      if (c.before().initialMessageType() != c.after().initialMessageType()) {
        out.add("initial_message_type");
      }
      if (!Objects.equals(c.before().conversationStartsAt(), c.after().conversationStartsAt())) {
        out.add("conversation_starts_at");
      }
    }
    if (c.has(Action.TAGS)) {
      TreeSet<String> keys = new TreeSet<>();
      Map<String, String> before = c.tagsBefore() == null ? Map.of() : c.tagsBefore();
      Map<String, String> after = c.tagsAfter() == null ? Map.of() : c.tagsAfter();
      keys.addAll(before.keySet());
      keys.addAll(after.keySet());
      keys.removeIf(k -> Objects.equals(before.get(k), after.get(k)) || k.equals(ownershipKey));
      if (!keys.isEmpty()) {
        out.add("tags: " + String.join(", ", keys));
      }
    }
    if (c.has(Action.ADOPT)) {
      out.add("adopt (adds the ownership tag)");
    }
    return out;
  }

  /** The two text fields, before and after. */
  static Map<String, String[]> texts(VersionContent before, VersionContent after) {
    Map<String, String[]> m = new LinkedHashMap<>();
    m.put("objective", new String[] {before.objective(), after.objective()});
    m.put("instructions", new String[] {before.instructions(), after.instructions()});
    return m;
  }

  /** "1 unit test", "3 unit tests", or null without any. */
  static String testCount(Change c) {
    int n = c.unitTests().size();
    if (n == 0 || !(c.has(Action.VERSION) || c.has(Action.BLOCKED))) {
      return null;
    }
    return n + (n == 1 ? " unit test" : " unit tests");
  }

  /** The unit-test names, sorted, at most {@link #MAX_TESTS_LISTED}; raw. */
  static List<String> testNames(Change c) {
    return c.unitTests().stream().map(UnitTestRef::name).sorted().limit(MAX_TESTS_LISTED).toList();
  }

  /** How many unit tests {@link #testNames} leaves out. */
  static int testsNotListed(Change c) {
    return Math.max(0, c.unitTests().size() - MAX_TESTS_LISTED);
  }

  /**
   * True when the remote latest version that this change replaces was made by someone other than
   * the user applying (merging then reverts an edit made elsewhere, such as in the UI); false when
   * the applying user is unknown (a note still names who made it).
   */
  static boolean madeElsewhere(Change c, PlanContext ctx) {
    if (c.drift() == null || c.drift().creator() == null || !c.has(Action.VERSION)) {
      return false;
    }
    return ctx.user() != null && !ctx.user().equals(c.drift().creator().userId());
  }
}
