package dev.scenariosync.json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * A JSON tree (read from a file or from the API) as the plain Java values the kinds compare and
 * normalize: one conversion for the files and the client, so the two sides can never differ.
 */
public final class JsonValues {
  private JsonValues() {}

  /**
   * JSON as plain Java values: null, a map sorted by key, a list, a {@link java.math.BigDecimal}, a
   * boolean or a string.
   */
  public static Object plain(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isObject()) {
      Map<String, Object> out = new TreeMap<>();
      v.properties().forEach(e -> out.put(e.getKey(), plain(e.getValue())));
      return out;
    }
    if (v.isArray()) {
      List<Object> out = new ArrayList<>();
      v.forEach(x -> out.add(plain(x)));
      return out;
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    if (v.isBoolean()) {
      return v.asBoolean();
    }
    return v.asString();
  }
}
