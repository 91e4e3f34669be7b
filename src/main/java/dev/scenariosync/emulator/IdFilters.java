package dev.scenariosync.emulator;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Repeated 24-hex id query filters ({@code scenario_id=a&scenario_id=b}): any value matches. */
record IdFilters(Map<String, List<String>> ids) {

  static IdFilters read(Invalid inv, Request r, String... params) {
    Map<String, List<String>> ids = new LinkedHashMap<>();
    for (String param : params) {
      ids.put(param, Query.ids(inv, r, param));
    }
    return new IdFilters(ids);
  }

  /** Whether {@code value} passes the filter {@code param} (no values: anything passes). */
  boolean in(String param, String value) {
    List<String> wanted = ids.get(param);
    return wanted.isEmpty() || wanted.contains(value);
  }

  /** Whether any of {@code values} passes the filter {@code param}. */
  boolean anyIn(String param, List<String> values) {
    List<String> wanted = ids.get(param);
    return wanted.isEmpty() || values.stream().anyMatch(wanted::contains);
  }
}
