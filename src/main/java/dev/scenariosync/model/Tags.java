package dev.scenariosync.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Helpers for tag maps, whose values may be null (a tag with no value). */
public final class Tags {
  /** The API's limit on the number of tags of one scenario. */
  public static final int MAX_TAGS = 20;

  private Tags() {}

  /** An unmodifiable copy that keeps insertion order and allows null values. */
  public static Map<String, String> copyOf(Map<String, String> tags) {
    if (tags == null || tags.isEmpty()) {
      return Map.of();
    }
    return Collections.unmodifiableMap(new LinkedHashMap<>(tags));
  }

  /** Keys and values stripped as the server strips them, sorted by key for stable output. */
  public static Map<String, String> normalized(Map<String, String> tags) {
    Map<String, String> out = new TreeMap<>();
    if (tags != null) {
      tags.forEach((k, v) -> out.put(PyText.strip(k), PyText.strip(v)));
    }
    return Collections.unmodifiableMap(out);
  }
}
