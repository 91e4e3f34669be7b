package dev.scenariosync.model;

/** How bad a diagnostic is: errors fail the command, warnings do not. */
public enum Severity {
  ERROR,
  WARNING;

  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
