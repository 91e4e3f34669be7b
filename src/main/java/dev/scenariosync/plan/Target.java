package dev.scenariosync.plan;

import dev.scenariosync.model.ResourceKind;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a targeted plan covers: the names it plans (stripped) by kind, out of how many resources the
 * files declare, and why (the basis, such as "changed since origin/main"). Only these are read and
 * planned; nothing outside them is pruned.
 *
 * @param names the targeted scenario names, including names no file declares any more (pruned only
 *     with {@code --prune})
 * @param declared how many scenarios the files declare in all; of every kind when {@link #kinds} is
 *     not empty
 * @param basis how the target was chosen, for people
 * @param kinds the targeted personas, unit tests and sets by kind (never scenarios; empty for a
 *     target of scenarios only)
 * @param planned how many the plan compared, as a saved plan records it (its personas, unit tests
 *     and sets are not changes of the plan read back); null: counted from the plan
 */
public record Target(
    Set<String> names,
    int declared,
    String basis,
    Map<ResourceKind, SortedSet<String>> kinds,
    Integer planned) {
  public Target {
    names = Collections.unmodifiableSortedSet(new TreeSet<>(names));
    if (declared < 0 || (planned != null && planned < 0)) {
      throw new IllegalArgumentException("declared and planned must be 0 or more");
    }
    Map<ResourceKind, SortedSet<String>> k = new EnumMap<>(ResourceKind.class);
    kinds.forEach(
        (kind, n) -> {
          if (kind == ResourceKind.SCENARIO) {
            throw new IllegalArgumentException("scenario names are the target's names");
          }
          if (!n.isEmpty()) {
            k.put(kind, Collections.unmodifiableSortedSet(new TreeSet<>(n)));
          }
        });
    kinds = Collections.unmodifiableMap(k);
  }

  /** A target of scenarios only. */
  public Target(Set<String> names, int declared, String basis) {
    this(names, declared, basis, Map.of(), null);
  }

  /** A target as planned now (what it planned is counted from the plan). */
  public Target(
      Set<String> names, int declared, String basis, Map<ResourceKind, SortedSet<String>> kinds) {
    this(names, declared, basis, kinds, null);
  }

  /** Whether the scenario of this name is targeted. */
  public boolean covers(String name) {
    return names.contains(name);
  }

  /** Whether the resource of this kind and name is targeted. */
  public boolean covers(ResourceKind kind, String name) {
    return kind == ResourceKind.SCENARIO ? covers(name) : names(kind).contains(name);
  }

  /** The targeted names of a kind. */
  public Set<String> names(ResourceKind kind) {
    return kind == ResourceKind.SCENARIO
        ? names
        : kinds.getOrDefault(kind, Collections.emptySortedSet());
  }

  /** Whether the target covers personas, unit tests or sets (not scenarios only). */
  public boolean overKinds() {
    return !kinds.isEmpty();
  }

  /**
   * "targeted (changed since main): 2 of 1,000 scenarios planned; the rest was not read" ("... of
   * 1,215 resources planned ..." when the target covers other kinds).
   */
  public String describe(int planned) {
    return "targeted ("
        + basis
        + "): "
        + String.format(Locale.ROOT, "%,d", planned)
        + " of "
        + String.format(Locale.ROOT, "%,d", declared)
        + (overKinds() ? " resources" : " scenarios")
        + " planned; the rest was not read";
  }
}
