package dev.scenariosync.apply;

import dev.scenariosync.plan.Change;
import java.util.List;

/**
 * How one planned change ended, with the steps that were done (in order), also when a later step
 * failed.
 */
public record Outcome(Change change, Status status, String message, List<String> steps) {
  public Outcome {
    steps = List.copyOf(steps);
  }

  /** An outcome with no step done. */
  public Outcome(Change change, Status status, String message) {
    this(change, status, message, List.of());
  }

  public enum Status {
    /** Applied, or found already applied (apply converges). */
    DONE,
    /** An API or network error; unrelated changes went on. */
    FAILED,
    /** The remote changed since the plan; the scenario was left as it is. */
    CONFLICT,
    /** Not attempted: a delete blocked by unit tests. */
    SKIPPED
  }
}
