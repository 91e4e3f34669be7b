package dev.scenariosync.model;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the API holds of the kinds beyond scenarios, as a plan needs it: every live persona (the
 * latest version of those the files name), unit test and unit test set.
 */
public record SuiteRemote(Map<ResourceKind, List<RemoteResource>> live) {
  public SuiteRemote {
    Map<ResourceKind, List<RemoteResource>> copy = new EnumMap<>(ResourceKind.class);
    live.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    live = Map.copyOf(copy);
  }

  public List<RemoteResource> of(ResourceKind kind) {
    return live.getOrDefault(kind, List.of());
  }

  public static SuiteRemote empty() {
    return new SuiteRemote(Map.of());
  }
}
