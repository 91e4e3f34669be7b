package dev.scenariosync.emulator;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Collects request-validation problems in pydantic v2's shape ({@code type, loc, msg, input, ctx})
 * and turns them into one 422 answer, as FastAPI does.
 */
final class Invalid {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private final ArrayNode errors = F.arrayNode();

  boolean isEmpty() {
    return errors.isEmpty();
  }

  void throwIfAny() {
    if (!errors.isEmpty()) {
      throw toError();
    }
  }

  ApiError toError() {
    return new ApiError(422, errors);
  }

  ObjectNode add(String type, List<Object> loc, String msg, JsonNode input) {
    ObjectNode e = errors.addObject();
    e.put("type", type);
    ArrayNode l = e.putArray("loc");
    for (Object part : loc) {
      if (part instanceof Integer i) {
        l.add(i);
      } else {
        l.add(String.valueOf(part));
      }
    }
    e.put("msg", msg);
    e.set("input", input == null ? F.nullNode() : input);
    return e;
  }

  /** Whether {@code node} is a JSON object; when it is not, pydantic's error is added. */
  boolean requireObject(List<Object> loc, JsonNode node) {
    if (node.isObject()) {
      return true;
    }
    add(
        "model_attributes_type",
        loc,
        "Input should be a valid dictionary or object to extract fields from",
        node);
    return false;
  }

  void missing(List<Object> loc, JsonNode input) {
    add("missing", loc, "Field required", input);
  }

  void stringType(List<Object> loc, JsonNode input) {
    add("string_type", loc, "Input should be a valid string", input);
  }

  void tooShort(List<Object> loc, JsonNode input) {
    add("string_too_short", loc, "String should have at least 1 character", input)
        .putObject("ctx")
        .put("min_length", 1);
  }

  void pattern(List<Object> loc, String pattern, JsonNode input) {
    add("string_pattern_mismatch", loc, "String should match pattern '" + pattern + "'", input)
        .putObject("ctx")
        .put("pattern", pattern);
  }

  void intParsing(List<Object> loc, JsonNode input) {
    add(
        "int_parsing",
        loc,
        "Input should be a valid integer, unable to parse string as an integer",
        input);
  }

  void lessThanEqual(List<Object> loc, int max, JsonNode input) {
    add("less_than_equal", loc, "Input should be less than or equal to " + max, input)
        .putObject("ctx")
        .put("le", max);
  }

  static JsonNode text(String s) {
    return F.stringNode(s);
  }
}
