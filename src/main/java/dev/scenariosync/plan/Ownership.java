package dev.scenariosync.plan;

import java.util.Map;

/**
 * The tag that marks a scenario as managed by scenario-sync, e.g. {@code managed_by:
 * scenario_sync}.
 */
public record Ownership(String key, String value) {
  public static final Ownership DEFAULT = new Ownership("managed_by", "scenario_sync");

  /** The tags hold this key with another value: another owner's scenario. */
  public boolean foreign(Map<String, String> tags) {
    return tags.containsKey(key) && !java.util.Objects.equals(tags.get(key), value);
  }

  public boolean owns(Map<String, String> tags) {
    return tags.containsKey(key) && java.util.Objects.equals(tags.get(key), value);
  }

  @Override
  public String toString() {
    return key + ": " + value;
  }
}
