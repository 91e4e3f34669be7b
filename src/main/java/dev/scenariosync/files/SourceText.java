package dev.scenariosync.files;

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

  /** The text of a 1-based line, or null when out of range. */
  String line(int line) {
    return line >= 1 && line <= lines.size() ? lines.get(line - 1) : null;
  }
}
