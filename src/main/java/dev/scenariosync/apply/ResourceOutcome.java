package dev.scenariosync.apply;

import dev.scenariosync.plan.ResourceChange;
import java.util.List;

/** How one planned persona, unit test or unit test set change ended, with the steps done. */
public record ResourceOutcome(
    ResourceChange change, Outcome.Status status, String message, List<String> steps) {
  public ResourceOutcome {
    steps = List.copyOf(steps);
  }
}
