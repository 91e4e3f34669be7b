package dev.scenariosync.kinds;

import dev.scenariosync.model.PyText;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.Secret;
import dev.scenariosync.model.WrittenTime;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a field is compared: each value is brought to the form the server stores before any
 * comparison, so that a file that was applied plans as unchanged forever after.
 */
public enum FieldRule {
  /** Text the API strips with Python's {@code str.strip()} (null allowed). */
  TEXT,
  /** A string kept as written (ids, codes, names of version sets; null allowed). */
  STRING,
  /** A whole number. */
  INTEGER,
  /** A date-time, compared at milliseconds as the server stores it ({@link WrittenTime}). */
  TIME,
  /** A list of strings, in order. */
  STRING_LIST,
  /** A map of strings, compared as a map (order of keys does not count). */
  STRING_MAP,
  /** A map of sensitive strings: values are {@link Secret}s, never shown. */
  SENSITIVE_MAP,
  /** A reference to another resource ({@link Ref}). */
  REFERENCE,
  /**
   * Success criteria: a list of {@code {name, metric_id, criterion}}, names and categorical values
   * stripped, numbers compared as numbers.
   */
  CRITERIA,
  /** A unit test set's runs: a list of {@code {unit_test: Ref, run_count}}, in order. */
  RUNS;

  /**
   * The value in the form it is compared in. Both sides (files and the API's answers) pass through
   * here, from plain Java values: String, Boolean, Number, List, Map, Ref, Secret, null.
   */
  public Object normalize(Object v) {
    if (v == null) {
      return null;
    }
    return switch (this) {
      case TEXT -> PyText.strip((String) v);
      case STRING, REFERENCE -> v;
      case INTEGER -> number(v);
      case TIME ->
          v instanceof WrittenTime w
              ? w
              : v instanceof java.time.Instant i
                  ? WrittenTime.of(i)
                  : WrittenTime.of(java.time.OffsetDateTime.parse(v.toString()).toInstant());
      case STRING_LIST -> List.copyOf((List<?>) v);
      case STRING_MAP, SENSITIVE_MAP -> new TreeMap<>((Map<?, ?>) v);
      case CRITERIA -> deep(v, true);
      case RUNS -> deep(v, false);
    };
  }

  static BigDecimal number(Object v) {
    BigDecimal d = v instanceof BigDecimal b ? b : new BigDecimal(v.toString());
    d = d.stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0) : d;
  }

  /** Maps sorted, numbers as numbers, strings stripped when {@code strip}. */
  private static Object deep(Object v, boolean strip) {
    if (v instanceof Map<?, ?> m) {
      TreeMap<String, Object> out = new TreeMap<>();
      m.forEach((k, x) -> out.put(k.toString(), deep(x, strip)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      l.forEach(x -> out.add(deep(x, strip)));
      return out;
    }
    if (v instanceof Number || v instanceof BigDecimal) {
      return number(v);
    }
    if (v instanceof String s) {
      return strip ? PyText.strip(s) : s;
    }
    return v; // Boolean, Ref, Secret
  }

  /** The value as a plan shows it: sensitive values as {@code (sensitive)}. */
  public static String show(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Secret) {
      return Secret.SHOWN;
    }
    if (v instanceof Map<?, ?> m) {
      StringBuilder sb = new StringBuilder("{");
      m.forEach(
          (k, x) -> {
            if (sb.length() > 1) {
              sb.append(", ");
            }
            sb.append(k).append(": ").append(show(x));
          });
      return sb.append('}').toString();
    }
    if (v instanceof List<?> l) {
      List<String> parts = new ArrayList<>();
      l.forEach(x -> parts.add(show(x)));
      return "[" + String.join(", ", parts) + "]";
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    return v.toString();
  }
}
