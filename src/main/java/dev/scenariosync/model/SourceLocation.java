package dev.scenariosync.model;

/** Where something stands in a file: the path as shown to the user, 1-based line and column. */
public record SourceLocation(String file, int line, int column) {
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
