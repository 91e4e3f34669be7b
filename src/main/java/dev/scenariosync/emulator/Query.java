package dev.scenariosync.emulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Query-string and path parameters as FastAPI reads them (lax pydantic parsing, errors collected
 * into an {@link Invalid} with {@code ["query", name, index]} locations), shared by every
 * resource's handler.
 */
final class Query {
  private static final Pattern RANGE = Pattern.compile("^(\\d+)-(\\d+|latest)$");
  private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");
  private static final Set<String> FALSE = Set.of("false", "0", "no", "off", "f", "n");

  private Query() {}

  /** The path's id, or a 422 naming the path parameter when it is not a 24-hex ObjectId. */
  static String pathId(Request r, String name) {
    if (!PyRules.OBJECT_ID.matcher(r.pathId()).matches()) {
      Invalid inv = new Invalid();
      inv.pattern(List.of("path", name), "^[a-f0-9]{24}$", Invalid.text(r.pathId()));
      throw inv.toError();
    }
    return r.pathId();
  }

  /** A repeated 24-hex id parameter ({@code id}, {@code scenario_id}, ...). */
  static List<String> ids(Invalid inv, Request r, String name) {
    List<String> values = r.all(name);
    for (int i = 0; i < values.size(); i++) {
      if (!PyRules.OBJECT_ID.matcher(values.get(i)).matches()) {
        inv.pattern(List.of("query", name, i), "^[a-f0-9]{24}$", Invalid.text(values.get(i)));
      }
    }
    return values;
  }

  static Integer parseInt(String raw) {
    try {
      return Integer.valueOf(raw.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** An integer with an inclusive range ({@code ge}/{@code le}), or its default when absent. */
  static int intParam(Invalid inv, Request r, String name, int dflt, int min, int max) {
    String raw = r.one(name);
    if (raw == null) {
      return dflt;
    }
    Integer n = parseInt(raw);
    if (n == null) {
      inv.intParsing(List.of("query", name), Invalid.text(raw));
      return dflt;
    }
    if (n < min) {
      inv.add(
              "greater_than_equal",
              List.of("query", name),
              "Input should be greater than or equal to " + min,
              Invalid.text(raw))
          .putObject("ctx")
          .put("ge", min);
      return dflt;
    }
    if (n > max) {
      inv.lessThanEqual(List.of("query", name), max, Invalid.text(raw));
      return dflt;
    }
    return n;
  }

  /** An optional boolean ({@code true}, {@code 1}, {@code yes}, ... as pydantic reads them). */
  static Boolean boolParam(Invalid inv, Request r, String name) {
    String raw = r.one(name);
    if (raw == null) {
      return null;
    }
    String v = raw.trim().toLowerCase(Locale.ROOT);
    if (TRUE.contains(v)) {
      return true;
    }
    if (FALSE.contains(v)) {
      return false;
    }
    inv.add(
        "bool_parsing",
        List.of("query", name),
        "Input should be a valid boolean, unable to interpret input",
        Invalid.text(raw));
    return null;
  }

  /** An optional date-time ({@code created_after}, ...), in UTC, or null. */
  static java.time.Instant dateParam(Invalid inv, Request r, String name) {
    String raw = r.one(name);
    if (raw == null) {
      return null;
    }
    String utc = Fields.utc(inv, Invalid.text(raw), List.of("query", name));
    return utc == null ? null : java.time.Instant.parse(utc);
  }

  /** {@code creator} values {@code org_id,user_id}; any of them matches. */
  static Predicate<Store.Entry> creatorFilter(Invalid inv, Request r) {
    List<String> values = r.all("creator");
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).split(",", -1).length != 2) {
        inv.add(
            "value_error",
            List.of("query", "creator", i),
            "Value error, each creator must be of the format `org_id,user_id`",
            Invalid.text(values.get(i)));
      }
    }
    if (values.isEmpty()) {
      return t -> true;
    }
    Set<String> wanted = Set.copyOf(values);
    return e -> wanted.contains(e.creator.key());
  }

  /**
   * Tag filters {@code k:v}, {@code k:*} (any value) and {@code k:} (a null value), all required.
   */
  static Predicate<Store.Listed> tagFilter(Invalid inv, Request r) {
    List<String> values = r.all("tag");
    List<Predicate<Map<String, String>>> tests = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String f = values.get(i);
      int colon = f.indexOf(':');
      if (colon <= 0) {
        inv.add(
            "value_error",
            List.of("query", "tag", i),
            "Value error, each tag must be of the format `key:value`",
            Invalid.text(f));
        continue;
      }
      String key = f.substring(0, colon);
      String value = f.substring(colon + 1);
      if (value.equals("*")) {
        tests.add(m -> m.containsKey(key));
      } else if (value.isEmpty()) {
        tests.add(m -> m.containsKey(key) && m.get(key) == null);
      } else {
        tests.add(m -> value.equals(m.get(key)));
      }
    }
    return e -> tests.stream().allMatch(p -> p.test(e.tags));
  }

  /**
   * {@code sort_by}: {@code +field} or {@code -field} (a bare field is ascending), then the
   * tie-breaker.
   */
  static <T, K extends Comparable<K>> Comparator<T> sortBy(
      Invalid inv, Request r, String field, Function<T, K> key, ToLongFunction<T> tie) {
    Comparator<T> order = null;
    List<String> values = r.all("sort_by");
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      boolean desc = v.startsWith("-");
      String name = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
      if (!name.equals(field)) {
        inv.add(
            "value_error",
            List.of("query", "sort_by", i),
            "Value error, unsupported sort field `" + v + "`; supported: " + field,
            Invalid.text(v));
        continue;
      }
      Comparator<T> c = Comparator.comparing(key);
      c = desc ? c.reversed() : c;
      order = order == null ? c : order.thenComparing(c);
    }
    Comparator<T> tieBreak = Comparator.comparingLong(tie);
    return order == null ? tieBreak : order.thenComparing(tieBreak);
  }

  /** {@code N}, {@code latest}, {@code A-B} or {@code A-latest}; -1 stands for latest. */
  static int[] versionRange(Invalid inv, String spec) {
    String s = spec.trim();
    if (s.equals("latest")) {
      return new int[] {-1, -1};
    }
    Integer n = parseInt(s);
    if (n != null && n >= 1) {
      return new int[] {n, n};
    }
    Matcher m = RANGE.matcher(s);
    if (m.matches()) {
      int a = Integer.parseInt(m.group(1));
      int b = m.group(2).equals("latest") ? -1 : Integer.parseInt(m.group(2));
      if (a >= 1 && (b == -1 || b >= a)) {
        return new int[] {a, b};
      }
    }
    inv.add(
        "value_error",
        List.of("query", "version"),
        "Value error, version must be N, latest, A-B or A-latest",
        Invalid.text(spec));
    return null;
  }

  /**
   * The required {@code query} of a search endpoint, stripped and split into lower-case terms; a
   * missing or blank one is a 422.
   */
  static List<String> searchTerms(Invalid inv, Request r) {
    String query = r.one("query");
    if (query == null) {
      inv.missing(List.of("query", "query"), null);
      return List.of();
    }
    String stripped = PyRules.strip(query);
    if (stripped.isEmpty()) {
      inv.tooShort(List.of("query", "query"), Invalid.text(query));
      return List.of();
    }
    return List.of(stripped.toLowerCase(Locale.ROOT).split("\\s+"));
  }

  /** How many of {@code terms} occur in {@code texts} (case-insensitive); 0 is no match. */
  static long score(List<String> terms, String... texts) {
    StringBuilder all = new StringBuilder();
    for (String t : texts) {
      if (t != null) {
        all.append(t.toLowerCase(Locale.ROOT)).append('\n');
      }
    }
    String haystack = all.toString();
    return terms.stream().filter(haystack::contains).count();
  }

  /**
   * What a search answers: live documents that pass {@code filter} and score above 0, most terms
   * first, then most recently updated; the top 50.
   */
  static <T extends Store.Listed> List<T> top(
      List<T> all, Predicate<T> filter, java.util.function.ToLongFunction<T> score) {
    record Hit<T extends Store.Listed>(T e, long score) {}
    List<Hit<T>> hits = new ArrayList<>();
    for (T e : all) {
      if (!e.is_deleted && filter.test(e)) {
        long s = score.applyAsLong(e);
        if (s > 0) {
          hits.add(new Hit<>(e, s));
        }
      }
    }
    hits.sort(
        Comparator.comparingLong((Hit<T> h) -> h.score())
            .reversed()
            .thenComparing((Hit<T> h) -> h.e().updated_at, Comparator.reverseOrder()));
    return hits.stream().limit(50).map(Hit::e).toList();
  }
}
