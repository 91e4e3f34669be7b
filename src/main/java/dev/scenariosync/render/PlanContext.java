package dev.scenariosync.render;

import dev.scenariosync.plan.Ownership;
import java.time.Instant;
import java.util.List;

/**
 * What a rendered plan says around the plan itself: the commit it was planned at, when, the user
 * who will apply it (to tell a remote version made by someone else), the ownership tag (hidden in
 * diffs unless it changes), and the owned remote scenarios that no file declares, kept because the
 * plan does not prune. Fields may be null when unknown; {@code kept} is never null.
 */
public record PlanContext(
    String commit, Instant plannedAt, String user, Ownership ownership, List<String> kept) {
  /** Nothing known beyond the plan. */
  public static final PlanContext NONE = new PlanContext(null, null, null, Ownership.DEFAULT);

  public PlanContext {
    kept = kept == null ? List.of() : List.copyOf(kept);
  }

  public PlanContext(String commit, Instant plannedAt, String user, Ownership ownership) {
    this(commit, plannedAt, user, ownership, List.of());
  }

  /** The same, with the names of the kept scenarios. */
  public PlanContext withKept(List<String> names) {
    return new PlanContext(commit, plannedAt, user, ownership, names);
  }
}
