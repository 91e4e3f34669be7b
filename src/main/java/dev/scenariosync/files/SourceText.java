package dev.scenariosync.files;

import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.Severity;
import java.util.ArrayList;
import java.util.List;

/** The lines of a file's text, for showing the offending line under a diagnostic. */
final class SourceText {
  private final List<String> lines = new ArrayList<>();

  SourceText(String text) {
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        lines.add(text.substring(start, i));
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        start = i + 1;
      }
    }
    lines.add(text.substring(start));
  }

  /** An error at a position, carrying the text of its line for the caret display. */
  Diagnostic error(String file, YamlReader.Pos pos, String message, String pointer) {
    return new Diagnostic(
        file, pos.line(), pos.column(), Severity.ERROR, message, pointer, line(pos.line()));
  }

  /**
   * The text of a 1-based line, or null when out of range or when it holds a control character
   * (never echoed raw to a terminal or a CI log).
   */
  String line(int line) {
    if (line < 1 || line > lines.size()) {
      return null;
    }
    String text = lines.get(line - 1);
    return ControlChars.any(text) ? null : text;
  }
}
