package dev.scenariosync.model;

import java.util.List;
import java.util.Map;

/**
 * What the API holds, as far as a plan needs it: the live (non-deleted) scenarios, with the latest
 * version of those that files name, and the live unit tests referencing scenarios by id.
 */
public record RemoteState(List<RemoteScenario> live, Map<String, List<UnitTestRef>> unitTests) {
  public RemoteState {
    live = List.copyOf(live);
    unitTests = Map.copyOf(unitTests);
  }
}
