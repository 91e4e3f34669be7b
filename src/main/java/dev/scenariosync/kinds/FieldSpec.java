package dev.scenariosync.kinds;

import dev.scenariosync.model.ResourceKind;
import java.util.Objects;

/**
 * One field of a kind: its name in files, its name on the wire, how it is compared, what changing
 * it takes, and for a reference the kind it names.
 */
public record FieldSpec(String name, String wire, FieldRule rule, Role role, ResourceKind refers) {
  /** What changing the field takes. */
  public enum Role {
    /** Part of the versioned content: a change makes a new version (with an expected number). */
    VERSIONED,
    /** Updated in place (a partial update: no version, no expected-version guard). */
    MUTABLE,
    /** Set when the resource is created and never changed by the API. */
    CREATE_ONLY
  }

  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(wire, "wire");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(role, "role");
    if ((rule == FieldRule.REFERENCE) != (refers != null) && rule != FieldRule.RUNS) {
      throw new IllegalArgumentException(name + ": a reference names its kind, nothing else does");
    }
  }

  static FieldSpec of(String name, FieldRule rule, Role role) {
    return new FieldSpec(name, name, rule, role, null);
  }
}
