package dev.scenariosync.apply;

import dev.scenariosync.plan.ResourceChange;
import java.util.List;

/**
 * How one planned change of any kind ended, with the steps that were done (in order), also when a
 * later step failed.
 */
public record Outcome(ResourceChange change, Status status, String message, List<String> steps) {
  public Outcome {
    steps = List.copyOf(steps);
  }

  /** An outcome with no step done. */
  public Outcome(ResourceChange change, Status status, String message) {
    this(change, status, message, List.of());
  }

  public enum Status {
    /** Applied, or found already applied (apply converges). */
    DONE,
    /** An API or network error; unrelated changes went on. */
    FAILED,
    /** The remote changed since the plan; the resource was left as it is. */
    CONFLICT,
    /** Not attempted: a delete blocked by what references it, or held back by a failed write. */
    SKIPPED
  }
}
