package dev.scenariosync.emulator;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Response shapes every resource shares: users, tag lists, pages and {@code filter_values}. */
final class Json {
  static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Json() {}

  static ObjectNode user(Store.User u) {
    ObjectNode o = F.objectNode();
    o.put("org_id", u.org_id);
    o.put("user_id", u.user_id);
    return o;
  }

  static ArrayNode users(List<Store.User> all) {
    Map<String, Store.User> unique = new LinkedHashMap<>();
    all.forEach(u -> unique.putIfAbsent(u.key(), u));
    ArrayNode a = F.arrayNode();
    unique.values().forEach(u -> a.add(user(u)));
    return a;
  }

  /** Distinct values in first-seen order. */
  static void strings(ArrayNode into, List<String> values) {
    new LinkedHashSet<>(values).forEach(into::add);
  }

  /** Tags as scenarios and personas return them: an object of key to value-or-null. */
  static ObjectNode tagMap(Map<String, String> tags) {
    ObjectNode o = F.objectNode();
    tags.forEach(o::put);
    return o;
  }

  /** Tags as unit tests and sets return them: a list of {@code {key, value}}. */
  static ArrayNode tagList(Map<String, String> tags) {
    ArrayNode a = F.arrayNode();
    tags.forEach((k, v) -> a.addObject().put("key", k).put("value", v));
    return a;
  }

  /** The fields every stored document has, under {@code id} or (search shapes) {@code _id}. */
  static ObjectNode document(String idField, String org, Store.Listed e) {
    ObjectNode o = F.objectNode();
    o.put(idField, e.id);
    o.put("org_id", org);
    o.put("created_at", e.created_at);
    o.put("updated_at", e.updated_at);
    return o;
  }

  /**
   * A list answer: one page of {@code matched} under {@code key}, then {@code has_more} and the
   * next token ({@code null} on the last page).
   */
  static <T> ObjectNode page(
      String key, List<T> matched, int offset, int limit, Function<T, JsonNode> json) {
    ObjectNode out = F.objectNode();
    ArrayNode items = out.putArray(key);
    int from = Math.max(0, offset);
    int to = (int) Math.min(matched.size(), (long) from + limit); // a token near the int limit
    for (int i = from; i < to; i++) {
      items.add(json.apply(matched.get(i)));
    }
    boolean more = to < matched.size();
    out.put("has_more", more);
    if (more) {
      out.put("continuation_token", to);
    } else {
      out.putNull("continuation_token");
    }
    return out;
  }

  /**
   * {@code filter_values} with the creators of everything matched, on the first page only ({@code
   * null} after, as the API documents). Returns it for more fields, or null.
   */
  static ObjectNode filterValues(
      ObjectNode out, boolean firstPage, List<? extends Store.Entry> matched) {
    if (!firstPage) {
      out.putNull("filter_values");
      return null;
    }
    ObjectNode fv = out.putObject("filter_values");
    fv.set("creators", users(matched.stream().map(e -> e.creator).toList()));
    return fv;
  }

  /** {@link #filterValues} plus the sorted tag keys of everything matched. */
  static ObjectNode filterValuesWithTags(
      ObjectNode out, boolean firstPage, List<? extends Store.Listed> matched) {
    ObjectNode fv = filterValues(out, firstPage, matched);
    if (fv != null) {
      ArrayNode keys = fv.putArray("tags");
      new TreeSet<>(matched.stream().flatMap(e -> e.tags.keySet().stream()).toList())
          .forEach(keys::add);
    }
    return fv;
  }
}
