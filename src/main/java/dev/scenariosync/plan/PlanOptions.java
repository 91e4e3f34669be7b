package dev.scenariosync.plan;

/**
 * How to plan: the ownership tag (null when ownership is off: every scenario counts as managed),
 * whether to delete owned scenarios no file declares, the delete guards, and whether to take over
 * scenarios whose ownership tag holds another owner.
 */
public record PlanOptions(
    Ownership ownership, boolean prune, int maxDeletes, boolean allowDeleteAll, boolean takeOver) {
  public PlanOptions(Ownership ownership, boolean prune, int maxDeletes, boolean allowDeleteAll) {
    this(ownership, prune, maxDeletes, allowDeleteAll, false);
  }

  public static PlanOptions defaults() {
    return new PlanOptions(Ownership.DEFAULT, false, 5, false);
  }
}
