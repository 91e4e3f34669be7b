package dev.scenariosync.files;

/**
 * Characters that may steer a terminal or hide text: C0 controls (but tab and line feed), DEL, C1
 * controls, and the bidi overrides and isolates. Files may not hold them in values, and what is
 * shown of a file's text never holds them raw.
 */
public final class ControlChars {
  private ControlChars() {}

  /** Whether the code point is one of those characters. */
  public static boolean isControl(int cp) {
    return (cp < 0x20 && cp != '\t' && cp != '\n')
        || (cp >= 0x7F && cp <= 0x9F)
        || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069)
        || cp == 0x2028
        || cp == 0x2029
        || Character.isSurrogate((char) cp) && cp <= 0xFFFF;
  }

  /** The index of the first such character, or -1. */
  public static int first(String s) {
    return first(s, false);
  }

  /**
   * The index of the first such character, or -1; {@code crAllowed} for multi-line text, where a
   * carriage return is part of a CRLF line end.
   */
  public static int first(String s, boolean crAllowed) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (isControl(cp) && !(crAllowed && cp == '\r')) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /** Whether the text holds any such character. */
  public static boolean any(String s) {
    return first(s) >= 0;
  }

  /** The text with each such character (and line feed) written as an escape: {@code \x1b}. */
  public static String escape(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (cp == '\n') {
        out.append("\\n");
      } else if (cp == '\r') {
        out.append("\\r");
      } else if (isControl(cp)) {
        out.append(cp <= 0xFF ? String.format("\\x%02x", cp) : String.format("\\u%04x", cp));
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }
}
