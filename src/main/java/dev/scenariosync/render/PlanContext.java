package dev.scenariosync.render;

import dev.scenariosync.plan.Ownership;
import java.time.Instant;

/**
 * What a rendered plan says around the plan itself: the commit it was planned at, when, the user
 * who will apply it (to tell a remote version made by someone else), and the ownership tag (hidden
 * in diffs unless it changes). Every field may be null when unknown.
 */
public record PlanContext(String commit, Instant plannedAt, String user, Ownership ownership) {
  /** Nothing known beyond the plan. */
  public static final PlanContext NONE = new PlanContext(null, null, null, Ownership.DEFAULT);
}
