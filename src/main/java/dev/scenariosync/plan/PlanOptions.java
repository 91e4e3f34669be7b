package dev.scenariosync.plan;

import java.util.Set;

/**
 * How to plan: the ownership tag (null when ownership is off: every scenario counts as managed),
 * whether to delete owned scenarios no file declares, the delete guards, and whether to take over
 * scenarios whose ownership tag holds another owner, and the tag keys other writers own (never
 * compared, never removed: {@code ignore_tag_keys}).
 */
public record PlanOptions(
    Ownership ownership,
    boolean prune,
    int maxDeletes,
    boolean allowDeleteAll,
    boolean takeOver,
    Set<String> ignoreTagKeys) {
  public PlanOptions {
    ignoreTagKeys = ignoreTagKeys == null ? Set.of() : Set.copyOf(ignoreTagKeys);
  }

  public PlanOptions(
      Ownership ownership,
      boolean prune,
      int maxDeletes,
      boolean allowDeleteAll,
      boolean takeOver) {
    this(ownership, prune, maxDeletes, allowDeleteAll, takeOver, Set.of());
  }

  public PlanOptions(Ownership ownership, boolean prune, int maxDeletes, boolean allowDeleteAll) {
    this(ownership, prune, maxDeletes, allowDeleteAll, false);
  }

  public static PlanOptions defaults() {
    return new PlanOptions(Ownership.DEFAULT, false, 5, false);
  }
}
