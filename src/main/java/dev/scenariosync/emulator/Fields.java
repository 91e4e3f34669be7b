package dev.scenariosync.emulator;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Request-body fields as pydantic v2 validates them in lax mode (FastAPI's default), each adding
 * its errors to an {@link Invalid} under the field's {@code loc} and returning null when invalid,
 * so that one answer lists every problem.
 */
final class Fields {
  /** The persona variable-name pattern ({@code StrippedNonemptyString_a-z___a-z0-9_______}). */
  static final String VARIABLE_PATTERN = "^[a-z_][a-z0-9_]+$";

  private static final Pattern VARIABLE = Pattern.compile(VARIABLE_PATTERN);

  private Fields() {}

  /** The request body, which must be a JSON object (422 at {@code ["body"]} otherwise). */
  static JsonNode body(Request r) {
    JsonNode body = r.json();
    Invalid inv = new Invalid();
    if (!inv.requireObject(List.of("body"), body)) {
      throw inv.toError();
    }
    return body;
  }

  static List<Object> at(List<Object> loc, Object part) {
    List<Object> l = new ArrayList<>(loc);
    l.add(part);
    return l;
  }

  /** A required field, read with {@code read}; absent, it is a {@code missing} error (and null). */
  static <V> V required(
      Invalid inv, JsonNode body, String field, List<Object> loc, Function<JsonNode, V> read) {
    JsonNode v = body.get(field);
    if (v == null) {
      inv.missing(loc, body);
      return null;
    }
    return read.apply(v);
  }

  /** A required StrippedNonemptyString: strip, then require at least one character. */
  static String stripped(Invalid inv, JsonNode body, String field, List<Object> loc) {
    return required(inv, body, field, loc, v -> strippedValue(inv, v, loc));
  }

  static String strippedValue(Invalid inv, JsonNode v, List<Object> loc) {
    String s = text(inv, v, loc);
    if (s == null) {
      return null;
    }
    s = PyRules.strip(s);
    if (s.isEmpty()) {
      inv.tooShort(loc, v);
      return null;
    }
    return s;
  }

  /** A required plain string (kept as sent). */
  static String string(Invalid inv, JsonNode body, String field, List<Object> loc) {
    return required(inv, body, field, loc, v -> text(inv, v, loc));
  }

  /** A string as sent, or the {@code string_type} error. */
  private static String text(Invalid inv, JsonNode v, List<Object> loc) {
    if (!v.isString()) {
      inv.stringType(loc, v);
      return null;
    }
    return v.asString();
  }

  /** A required 24-hex ObjectId string. */
  static String objectId(Invalid inv, JsonNode body, String field, List<Object> loc) {
    return required(inv, body, field, loc, v -> objectIdValue(inv, v, loc));
  }

  static String objectIdValue(Invalid inv, JsonNode v, List<Object> loc) {
    String s = text(inv, v, loc);
    if (s != null && !PyRules.OBJECT_ID.matcher(s).matches()) {
      inv.pattern(loc, "^[a-f0-9]{24}$", v);
      return null;
    }
    return s;
  }

  /** Whether an optional field was sent with a value (absent and {@code null} mean unchanged). */
  static boolean given(JsonNode body, String field) {
    JsonNode v = body.get(field);
    return v != null && !v.isNull();
  }

  /**
   * An integer {@code > gt} and {@code <= le} (null bound: none), read as pydantic's lax mode does:
   * integral floats and numeric strings pass, booleans count as 0 and 1.
   */
  static Integer integer(Invalid inv, JsonNode v, List<Object> loc, Integer gt, Integer le) {
    Integer n = null;
    if (v.isIntegralNumber() && v.canConvertToInt()) {
      n = v.asInt();
    } else if (v.isBoolean()) {
      n = v.asBoolean() ? 1 : 0;
    } else if (v.isFloatingPointNumber()) {
      BigDecimal d = v.decimalValue();
      if (d.stripTrailingZeros().scale() > 0) {
        inv.add(
            "int_from_float",
            loc,
            "Input should be a valid integer, got a number with a fractional part",
            v);
        return null;
      }
      n = d.intValue();
    } else if (v.isString()) {
      n = Query.parseInt(v.asString());
      if (n == null) {
        inv.intParsing(loc, v);
        return null;
      }
    } else {
      inv.add("int_type", loc, "Input should be a valid integer", v);
      return null;
    }
    if (gt != null && n <= gt) {
      inv.add("greater_than", loc, "Input should be greater than " + gt, v)
          .putObject("ctx")
          .put("gt", gt);
      return null;
    }
    if (le != null && n > le) {
      inv.lessThanEqual(loc, le, v);
      return null;
    }
    return n;
  }

  /** A number (float), lax: numeric strings pass. */
  static Double number(Invalid inv, JsonNode v, List<Object> loc) {
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isString()) {
      try {
        return Double.valueOf(v.asString().trim());
      } catch (NumberFormatException e) {
        inv.add(
            "float_parsing",
            loc,
            "Input should be a valid number, unable to parse string as a number",
            v);
        return null;
      }
    }
    inv.add("float_type", loc, "Input should be a valid number", v);
    return null;
  }

  private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");
  private static final Set<String> FALSE = Set.of("false", "0", "no", "off", "f", "n");

  /** A boolean, lax: 0/1 and the usual strings pass. */
  static Boolean bool(Invalid inv, JsonNode v, List<Object> loc) {
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    if (v.isIntegralNumber() && (v.asLong() == 0 || v.asLong() == 1)) {
      return v.asLong() == 1;
    }
    if (v.isString()) {
      String s = v.asString().trim().toLowerCase(java.util.Locale.ROOT);
      if (TRUE.contains(s)) {
        return true;
      }
      if (FALSE.contains(s)) {
        return false;
      }
      inv.add("bool_parsing", loc, "Input should be a valid boolean, unable to interpret input", v);
      return null;
    }
    inv.add("bool_type", loc, "Input should be a valid boolean", v);
    return null;
  }

  /** A list node, or the {@code list_type} error. */
  static boolean isList(Invalid inv, JsonNode v, List<Object> loc) {
    if (v.isArray()) {
      return true;
    }
    inv.add("list_type", loc, "Input should be a valid list", v);
    return false;
  }

  /** A list of at least {@code min} items, or the {@code too_short} error. */
  static boolean atLeast(Invalid inv, JsonNode v, List<Object> loc, int min) {
    if (v.size() >= min) {
      return true;
    }
    inv.add(
            "too_short",
            loc,
            "List should have at least " + min + " item after validation, not " + v.size(),
            v)
        .putObject("ctx")
        .put("field_type", "List")
        .put("min_length", min)
        .put("actual_length", v.size());
    return false;
  }

  /** A list of StrippedNonemptyStrings. */
  static List<String> strippedList(Invalid inv, JsonNode v, List<Object> loc) {
    if (!isList(inv, v, loc)) {
      return null;
    }
    List<String> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < v.size(); i++) {
      String s = strippedValue(inv, v.get(i), at(loc, i));
      ok &= s != null;
      out.add(s);
    }
    return ok ? out : null;
  }

  /** One of {@code allowed} (a Python enum), or the {@code enum} error listing them. */
  static String oneOf(Invalid inv, JsonNode v, List<Object> loc, List<String> allowed) {
    if (v.isString() && allowed.contains(v.asString())) {
      return v.asString();
    }
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < allowed.size(); i++) {
      if (i > 0) {
        expected.append(i == allowed.size() - 1 ? " or " : ", ");
      }
      expected.append('\'').append(allowed.get(i)).append('\'');
    }
    inv.add("enum", loc, "Input should be " + expected, v)
        .putObject("ctx")
        .put("expected", expected.toString());
    return null;
  }

  /** A date-time as pydantic reads one (ISO 8601, naive taken as UTC, or epoch seconds), in UTC. */
  static String utc(Invalid inv, JsonNode c, List<Object> loc) {
    if (c.isNumber()) {
      return Instant.ofEpochMilli((long) (c.asDouble() * 1000)).toString();
    }
    if (c.isString()) {
      String s = c.asString().trim();
      try {
        return millis(OffsetDateTime.parse(s).toInstant());
      } catch (DateTimeParseException e) {
        try {
          return millis(LocalDateTime.parse(s).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e2) {
          // fall through to the error
        }
      }
    }
    inv.add("datetime_from_date_parsing", loc, "Input should be a valid datetime", c);
    return null;
  }

  /** A time as MongoDB keeps it: milliseconds, UTC. */
  static String millis(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS).toString();
  }

  /**
   * Scenario and persona tags: a map of StrippedNonemptyString keys to StrippedNonemptyString-or-
   * null values, each matching the tag pattern, at most 20. Returns null when absent and allowed to
   * be, or invalid.
   */
  static Map<String, String> tags(Invalid inv, JsonNode body, List<Object> loc, boolean optional) {
    JsonNode node = dict(inv, body, "tags", loc, optional);
    if (node == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    boolean ok = true;
    for (var e : node.properties()) {
      String key = e.getKey();
      ok &= keyOn(inv, key, loc, PyRules::matchesTagPattern, PyRules.TAG_PATTERN);
      JsonNode value = e.getValue();
      List<Object> valueLoc = at(loc, key);
      String v = null;
      if (value.isNull()) {
        v = null;
      } else if (!value.isString()) {
        inv.stringType(valueLoc, value);
        ok = false;
      } else {
        v = PyRules.strip(value.asString());
        if (v.isEmpty()) {
          inv.tooShort(valueLoc, value);
          ok = false;
        } else if (!PyRules.matchesTagPattern(v)) {
          inv.pattern(valueLoc, PyRules.TAG_PATTERN, value);
          ok = false;
        }
      }
      out.put(PyRules.strip(key), v);
    }
    ok &= atMost(inv, node, loc, out.size(), 20);
    return ok ? out : null;
  }

  /**
   * Unit-test and set tags: the spec declares a plain map of string to string-or-null (no pattern,
   * no stripping, no limit). Returns null when absent and allowed to be, or invalid.
   */
  static Map<String, String> plainTags(
      Invalid inv, JsonNode body, List<Object> loc, boolean optional) {
    JsonNode node = dict(inv, body, "tags", loc, optional);
    if (node == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    boolean ok = true;
    for (var e : node.properties()) {
      JsonNode value = e.getValue();
      if (value.isNull()) {
        out.put(e.getKey(), null);
      } else if (value.isString()) {
        out.put(e.getKey(), value.asString());
      } else {
        inv.stringType(at(loc, e.getKey()), value);
        ok = false;
      }
    }
    return ok ? out : null;
  }

  /**
   * Persona user variables: keys are StrippedNonemptyStrings matching {@link #VARIABLE_PATTERN},
   * values plain strings, at most 20.
   */
  static Map<String, String> variables(Invalid inv, JsonNode body, String field, List<Object> loc) {
    JsonNode node = dict(inv, body, field, loc, false);
    if (node == null) {
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    boolean ok = true;
    for (var e : node.properties()) {
      String key = e.getKey();
      ok &= keyOn(inv, key, loc, k -> VARIABLE.matcher(k).matches(), VARIABLE_PATTERN);
      JsonNode value = e.getValue();
      if (!value.isString()) {
        inv.stringType(at(loc, key), value);
        ok = false;
      } else {
        out.put(PyRules.strip(key), value.asString());
      }
    }
    ok &= atMost(inv, node, loc, out.size(), 20);
    return ok ? out : null;
  }

  /**
   * The body's dictionary {@code field}, or null: when absent (a {@code missing} error unless
   * {@code optional}), {@code null} and {@code optional}, or not a dictionary.
   */
  private static JsonNode dict(
      Invalid inv, JsonNode body, String field, List<Object> loc, boolean optional) {
    JsonNode node = body.get(field);
    if (node == null || (optional && node.isNull())) {
      if (!optional) {
        inv.missing(loc, body);
      }
      return null;
    }
    return isDict(inv, node, loc) ? node : null;
  }

  /**
   * Whether a dictionary key is a StrippedNonemptyString on {@code pattern}; the error's location
   * is pydantic's {@code [..loc, key, "[key]"]}.
   */
  private static boolean keyOn(
      Invalid inv, String key, List<Object> loc, Predicate<String> matches, String pattern) {
    List<Object> keyLoc = at(at(loc, key), "[key]");
    String k = PyRules.strip(key);
    if (k.isEmpty()) {
      inv.tooShort(keyLoc, Invalid.text(key));
      return false;
    }
    if (!matches.test(k)) {
      inv.pattern(keyLoc, pattern, Invalid.text(key));
      return false;
    }
    return true;
  }

  private static boolean isDict(Invalid inv, JsonNode node, List<Object> loc) {
    if (node.isObject()) {
      return true;
    }
    inv.add("dict_type", loc, "Input should be a valid dictionary", node);
    return false;
  }

  private static boolean atMost(Invalid inv, JsonNode node, List<Object> loc, int size, int max) {
    if (size <= max) {
      return true;
    }
    ObjectNode err =
        inv.add(
            "too_long",
            loc,
            "Dictionary should have at most " + max + " items after validation, not " + size,
            node);
    err.putObject("ctx")
        .put("field_type", "Dictionary")
        .put("max_length", max)
        .put("actual_length", size);
    return false;
  }
}
