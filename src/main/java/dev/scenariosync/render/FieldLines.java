package dev.scenariosync.render;

import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.model.WrittenTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resource's fields (any kind, in its {@link KindSpec}'s order) and tags as YAML-like lines, the
 * unit that plan diffs compare: one line per line of text, list item and map entry, so that a diff
 * and its word highlighting point at what changed. Sensitive values show as {@code (sensitive)};
 * remote text is escaped.
 */
final class FieldLines {
  /** Shown for a sensitive value that changes (its old and new values are never shown). */
  static final String SENSITIVE_CHANGED = "(sensitive, changed)";

  private FieldLines() {}

  /** The lines of {@code fields} (those present, null as {@code null}) and {@code tags}. */
  static List<String> lines(KindSpec spec, Map<String, Object> fields, Map<String, String> tags) {
    List<String> out = new ArrayList<>();
    if (fields != null) {
      for (FieldSpec f : spec.fields()) {
        if (fields.containsKey(f.name())) {
          field(out, f, fields.get(f.name()));
        }
      }
    }
    if (tags != null) {
      if (tags.isEmpty()) {
        out.add("tags: {}");
      } else {
        out.add("tags:");
        new TreeMap<>(tags)
            .forEach(
                (k, v) ->
                    out.add(
                        "  " + Safe.oneLine(k) + ": " + (v == null ? "null" : Safe.oneLine(v))));
      }
    }
    return out;
  }

  private static void field(List<String> out, FieldSpec f, Object v) {
    String key = f.name();
    if (v == null) {
      out.add(key + ": null");
      return;
    }
    switch (f.rule()) {
      case TEXT -> text(out, key, v.toString());
      case TIME -> out.add(key + ": " + startsAt(v));
      case STRING_MAP, SENSITIVE_MAP -> {
        Map<?, ?> m = (Map<?, ?>) v;
        if (m.isEmpty()) {
          out.add(key + ": {}");
          return;
        }
        out.add(key + ":");
        TreeMap<String, Object> sorted = new TreeMap<>();
        m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
        sorted.forEach((k, x) -> out.add("  " + Safe.oneLine(k) + ": " + mapValue(f.rule(), x)));
      }
      case STRING_LIST, CRITERIA, RUNS -> {
        List<?> l = (List<?>) v;
        if (l.isEmpty()) {
          out.add(key + ": []");
          return;
        }
        out.add(key + ":");
        for (Object x : l) {
          if (x instanceof Map<?, ?> m && f.rule() != FieldRule.STRING_LIST) {
            item(out, f.rule(), m);
          } else {
            out.add("  - " + Safe.oneLine(FieldRule.show(x)));
          }
        }
      }
      default -> out.add(key + ": " + Safe.oneLine(FieldRule.show(v)));
    }
  }

  /**
   * One list item as the file writes it: a line per key, in the file's order ({@code name}, {@code
   * metric_id}, {@code criterion}; a run's unit test as {@code name}, then {@code run_count}), a
   * nested value in flow style with its {@code type} first.
   */
  private static void item(List<String> out, FieldRule rule, Map<?, ?> m) {
    List<String> order =
        rule == FieldRule.RUNS
            ? List.of("unit_test", "run_count")
            : List.of("name", "metric_id", "criterion");
    List<String> keys = new ArrayList<>();
    order.stream().filter(m::containsKey).forEach(keys::add);
    new TreeMap<>(stringKeys(m))
        .keySet().stream().filter(k -> !keys.contains(k)).forEach(keys::add);
    String prefix = "  - ";
    for (String k : keys) {
      String shown = rule == FieldRule.RUNS && k.equals("unit_test") ? "name" : k;
      out.add(prefix + Safe.oneLine(shown) + ": " + Safe.oneLine(flow(m.get(k))));
      prefix = "    ";
    }
  }

  private static Map<String, Object> stringKeys(Map<?, ?> m) {
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, x) -> out.put(String.valueOf(k), x));
    return out;
  }

  /** A value on one line: maps as {@code {type: ..., key: value}} (type first), lists as [a, b]. */
  private static String flow(Object v) {
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> sorted = new TreeMap<>(stringKeys(m));
      List<String> parts = new ArrayList<>();
      if (sorted.containsKey("type")) {
        parts.add("type: " + flow(sorted.remove("type")));
      }
      sorted.forEach((k, x) -> parts.add(k + ": " + flow(x)));
      return "{" + String.join(", ", parts) + "}";
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(x -> parts.add(flow(x)));
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof String text && ambiguous(text)) {
      // quoted, so that "a, b" never reads as the two values a and b
      return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
    return FieldRule.show(v);
  }

  /** Whether a string in flow style would read as something else unquoted. */
  private static boolean ambiguous(String text) {
    return text.isEmpty()
        || !text.strip().equals(text)
        || text.chars().anyMatch(c -> ",[]{}:#\"'&*!|>%@`".indexOf(c) >= 0)
        || text.equals("null")
        || text.equals("true")
        || text.equals("false")
        || text.matches("[-+]?[0-9.]+([eE][-+]?[0-9]+)?");
  }

  private static String mapValue(FieldRule rule, Object x) {
    if (rule == FieldRule.SENSITIVE_MAP) {
      // Never a value, whatever form it arrives in; a marked change is the renderers' own text.
      return SENSITIVE_CHANGED.equals(x) ? SENSITIVE_CHANGED : dev.scenariosync.model.Secret.SHOWN;
    }
    return x == null ? "null" : Safe.oneLine(FieldRule.show(x));
  }

  /**
   * A time as the file spells it, with the UTC instant beside it when the two differ ({@code
   * 2026-12-01T17:30:00-05:00 # 2026-12-01T22:30:00Z}); the instant alone otherwise.
   */
  static String startsAt(Object v) {
    if (v == null) {
      return "null";
    }
    WrittenTime t = (WrittenTime) FieldRule.TIME.normalize(v);
    String utc = t.at().toString();
    String written = t.written();
    return written == null || written.equals(utc) ? utc : Safe.oneLine(written) + "  # " + utc;
  }

  /**
   * One line per line of text; a carriage return and every control character are shown escaped (a
   * carriage return is a real difference, and remote text never drives the terminal).
   */
  private static void text(List<String> out, String key, String value) {
    String shown = Safe.terminal(value);
    if (shown.indexOf('\n') < 0) {
      out.add(key + ": " + shown);
      return;
    }
    out.add(key + ": |");
    for (String line : shown.split("\n", -1)) {
      out.add("  " + line);
    }
  }

  /** The top-level key of the field a line belongs to ("instructions" for its text lines). */
  static String fieldAt(List<String> lines, int index) {
    for (int i = Math.min(index, lines.size() - 1); i >= 0; i--) {
      String l = lines.get(i);
      if (!l.startsWith(" ")) {
        int colon = l.indexOf(':');
        return colon < 0 ? l : l.substring(0, colon);
      }
    }
    return null;
  }
}
