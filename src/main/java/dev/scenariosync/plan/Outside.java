package dev.scenariosync.plan;

import java.util.List;

/**
 * What the remote holds outside the plan: owned scenarios that no file declares (orphans, deleted
 * only with {@code --prune}) and not already in the plan, and how many live scenarios no file
 * declares and this owner does not own (unmanaged: no ownership tag, or another owner's).
 */
public record Outside(List<String> orphans, int unmanaged) {
  public Outside {
    orphans = List.copyOf(orphans);
    if (unmanaged < 0) {
      throw new IllegalArgumentException("unmanaged must be 0 or more");
    }
  }

  public static final Outside NONE = new Outside(List.of(), 0);

  public boolean isEmpty() {
    return orphans.isEmpty() && unmanaged == 0;
  }

  /** "2 orphans (owned, declared by no file; deleted only with --prune): a, b; 5 unmanaged". */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(orphans.size())
        .append(orphans.size() == 1 ? " orphan" : " orphans")
        .append(" (owned, declared by no file; deleted only with --prune)");
    sb.append(", ").append(unmanaged).append(" unmanaged (no ownership tag, or another owner's)");
    return sb.toString();
  }
}
