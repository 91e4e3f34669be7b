package dev.scenariosync.plan;

import java.util.Set;
import java.util.TreeSet;

/**
 * What a targeted plan covers: the scenario names it plans (stripped), out of how many the files
 * declare, and why (the basis, such as "changed since origin/main"). Only these are read and
 * planned; nothing outside them is pruned.
 *
 * @param names the targeted names, including names no file declares any more (pruned only with
 *     {@code --prune})
 * @param declared how many scenarios the files declare in all
 * @param basis how the target was chosen, for people
 */
public record Target(Set<String> names, int declared, String basis) {
  public Target {
    names = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(names));
    if (declared < 0) {
      throw new IllegalArgumentException("declared must be 0 or more");
    }
  }

  public boolean covers(String name) {
    return names.contains(name);
  }

  /** "targeted (changed since main): 2 of 1,000 scenarios planned; the rest was not read". */
  public String describe(int planned) {
    return "targeted ("
        + basis
        + "): "
        + String.format(java.util.Locale.ROOT, "%,d", planned)
        + " of "
        + String.format(java.util.Locale.ROOT, "%,d", declared)
        + " scenarios planned; the rest was not read";
  }
}
