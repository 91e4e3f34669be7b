package dev.scenariosync.emulator;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The query every list endpoint reads: its id filters, {@code limit}, {@code continuation_token}
 * (an integer offset), {@code creator}, and {@code sort_by} on one time field; for resources with
 * names and tags also {@code is_deleted} and {@code tag}. Endpoint-specific filters are added with
 * {@link #and}.
 */
record ListQuery<T extends Store.Entry>(
    IdFilters ids, int limit, int offset, Predicate<T> filter, Comparator<T> order) {

  /**
   * A list of named, tagged resources: {@code id} and the given id filters, {@code limit} (0 to
   * {@code max}, default {@code dflt}), {@code continuation_token}, {@code is_deleted}, {@code
   * creator}, {@code tag} and {@code sort_by ±updated_at}.
   */
  static <T extends Store.Listed> ListQuery<T> listed(
      Invalid inv, Request r, int dflt, int max, String... idParams) {
    ListQuery<T> q = of(inv, r, dflt, max, "updated_at", e -> e.updated_at, idParams);
    Boolean deleted = Query.boolParam(inv, r, "is_deleted");
    Predicate<Store.Listed> tags = Query.tagFilter(inv, r);
    return q.and(e -> (deleted == null || e.is_deleted == deleted) && tags.test(e));
  }

  /**
   * A list with {@code id} and the given id filters, paging, {@code creator} and one sort field.
   */
  static <T extends Store.Entry> ListQuery<T> of(
      Invalid inv,
      Request r,
      int dflt,
      int max,
      String sortField,
      Function<T, String> sortKey,
      String... idParams) {
    String[] params = new String[idParams.length + 1];
    params[0] = "id";
    System.arraycopy(idParams, 0, params, 1, idParams.length);
    IdFilters ids = IdFilters.read(inv, r, params);
    int limit = Query.intParam(inv, r, "limit", dflt, 0, max);
    int offset =
        Query.intParam(inv, r, "continuation_token", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    Predicate<Store.Entry> creators = Query.creatorFilter(inv, r);
    // Times compare as instants, never as text: "…:12Z" (a whole second) sorts after "…:12.001Z"
    // as a string.
    Comparator<T> order =
        Query.sortBy(inv, r, sortField, e -> instant(sortKey.apply(e)), e -> e.seq);
    Predicate<T> filter = e -> ids.in("id", e.id) && creators.test(e);
    return new ListQuery<>(ids, limit, offset, filter, order);
  }

  ListQuery<T> and(Predicate<T> more) {
    return new ListQuery<>(ids, limit, offset, filter.and(more), order);
  }

  /** What matches this query, in its order. */
  List<T> select(List<T> all) {
    return all.stream().filter(filter).sorted(order).toList();
  }

  boolean firstPage() {
    return offset == 0;
  }

  private static java.time.Instant instant(String time) {
    return time == null ? java.time.Instant.MIN : java.time.Instant.parse(time);
  }
}
