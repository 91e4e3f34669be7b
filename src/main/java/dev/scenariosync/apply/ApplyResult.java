package dev.scenariosync.apply;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every outcome of an apply, of every kind, in the plan's apply order, and the exit code. */
public record ApplyResult(List<Outcome> outcomes) {
  public ApplyResult {
    outcomes = List.copyOf(outcomes);
  }

  public Map<Outcome.Status, Integer> counts() {
    Map<Outcome.Status, Integer> out = new EnumMap<>(Outcome.Status.class);
    for (Outcome.Status s : Outcome.Status.values()) {
      out.put(s, 0);
    }
    outcomes.forEach(o -> out.merge(o.status(), 1, Integer::sum));
    return out;
  }

  /** 4 when any conflict, else 3 when any failure, else 0 (skipped blocked deletes are fine). */
  public int exitCode() {
    Map<Outcome.Status, Integer> n = counts();
    if (n.get(Outcome.Status.CONFLICT) > 0) {
      return 4;
    }
    return n.get(Outcome.Status.FAILED) > 0 ? 3 : 0;
  }
}
