package dev.scenariosync.model;

import java.util.Comparator;

/**
 * A problem found in a user's file: a value, collected and printed once by a renderer, never
 * thrown. {@code line} and {@code column} are 1-based (0 when the problem concerns the whole file);
 * {@code pointer} is the JSON pointer of the field inside the document; {@code sourceLine} is the
 * text of that line, for the caret display.
 */
public record Diagnostic(
    String file,
    int line,
    int column,
    Severity severity,
    String message,
    String pointer,
    String sourceLine) {

  public static final Comparator<Diagnostic> ORDER =
      Comparator.comparing(Diagnostic::file)
          .thenComparingInt(Diagnostic::line)
          .thenComparingInt(Diagnostic::column)
          .thenComparing(Diagnostic::message);

  public static Diagnostic error(String file, int line, int column, String message) {
    return new Diagnostic(file, line, column, Severity.ERROR, message, "", null);
  }

  public static Diagnostic fileError(String file, String message) {
    return new Diagnostic(file, 0, 0, Severity.ERROR, message, "", null);
  }

  public static Diagnostic fileWarning(String file, String message) {
    return new Diagnostic(file, 0, 0, Severity.WARNING, message, "", null);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
