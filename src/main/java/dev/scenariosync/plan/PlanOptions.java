package dev.scenariosync.plan;

/**
 * How to plan: the ownership tag (null when ownership is off: every scenario counts as managed),
 * whether to delete owned scenarios no file declares, and the delete guards.
 */
public record PlanOptions(
    Ownership ownership, boolean prune, int maxDeletes, boolean allowDeleteAll) {
  public static PlanOptions defaults() {
    return new PlanOptions(Ownership.DEFAULT, false, 5, false);
  }
}
