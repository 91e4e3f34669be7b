package dev.scenariosync.apply;

import dev.scenariosync.plan.Change;

/** How one planned change ended. */
public record Outcome(Change change, Status status, String message) {
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
