package dev.scenariosync.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What scenarios and personas share about versions: the {@code ?version=} expected-version guard of
 * create-version (400 when it is not latest + 1) and the get-versions query ({@code N}, {@code
 * latest}, ranges, {@code limit} up to 10, {@code sort_by ±version}, paging).
 */
final class Versions {
  private Versions() {}

  /** The optional {@code ?version=} of a create-version call: an integer greater than 1. */
  static Integer expected(Invalid inv, Request r) {
    String raw = r.one("version");
    if (raw == null) {
      return null;
    }
    Integer n = Query.parseInt(raw);
    if (n == null) {
      inv.intParsing(List.of("query", "version"), Invalid.text(raw));
      return null;
    }
    if (n <= 1) {
      inv.add(
              "greater_than",
              List.of("query", "version"),
              "Input should be greater than 1",
              Invalid.text(raw))
          .putObject("ctx")
          .put("gt", 1);
      return null;
    }
    return n;
  }

  /** The next version number, or 400 when the caller expected another. */
  static int next(Store.Versioned<?> e, Integer expected) {
    int next = e.latest().version + 1;
    if (expected != null && expected != next) {
      throw new ApiError(
          400, "The specified version number is not the expected next version to be created.");
    }
    return next;
  }

  /** Fills in a new version's number and authorship and bumps the resource's update time. */
  static <V extends Store.VersionBase> V append(
      Store store, Store.Versioned<V> e, V v, int number, Store.User by) {
    String now = store.stamp();
    v.id = store.newId();
    v.version = number;
    v.creator = by;
    v.created_at = now;
    v.updated_at = now;
    e.versions.add(v);
    e.updated_at = now;
    e.updated_by = by;
    return v;
  }

  /** The get-versions query, read before the resource is looked up. */
  record Page(int[] range, int limit, int offset, Comparator<Store.VersionBase> order) {
    static Page read(Request r) {
      Invalid inv = new Invalid();
      String spec = r.one("version");
      int limit = Query.intParam(inv, r, "limit", 10, 1, 10);
      int offset =
          Query.intParam(inv, r, "continuation_token", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
      Comparator<Store.VersionBase> order =
          Query.sortBy(inv, r, "version", v -> v.version, v -> v.version);
      int[] range = spec == null ? null : Query.versionRange(inv, spec);
      inv.throwIfAny();
      return new Page(range, limit, offset, order);
    }

    /** The page of {@code e}'s versions under {@code key}. */
    <V extends Store.VersionBase> ObjectNode answer(
        String key, Store.Versioned<V> e, Function<V, JsonNode> json) {
      int latest = e.latest().version;
      int lo = range == null ? 1 : range[0] == -1 ? latest : range[0];
      int hi = range == null ? latest : range[1] == -1 ? latest : range[1];
      List<V> matched =
          e.versions.stream()
              .filter(v -> v.version >= lo && v.version <= hi)
              .sorted(order)
              .toList();
      return Json.page(key, matched, offset, limit, json);
    }
  }
}
