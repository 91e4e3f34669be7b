package dev.scenariosync.render;

/**
 * The one place remote text (names, contents, unit-test names, user ids, error details) is made
 * inert before it reaches a terminal, a CI log or a Markdown comment: it is shown, never obeyed.
 *
 * <p>Terminal rules: C0 controls (except tab and newline), ESC, DEL, C1 controls, bidi overrides,
 * embeddings, isolates and marks, and the Unicode line and paragraph separators are shown escaped
 * ({@code \x1b}, {@code \u202e}), so no clear-screen, title change, OSC 8 link, OSC 52 clipboard
 * write or reordered text can come from them. A line whose first non-blank characters are {@code
 * ::} (a GitHub Actions workflow command, which the runner reads after leading blanks) shows its
 * first colon as {@code \x3a}.
 */
public final class Safe {
  /** The longest one-line item (a name, a unit-test name) shown whole; longer ones are cut. */
  public static final int ITEM_MAX = 200;

  private Safe() {}

  /** Multi-line remote text for a terminal or a code block: newlines and tabs are kept. */
  public static String terminal(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(s.length() + 8);
    boolean lineStart = true;
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\n') {
        sb.append('\n');
        lineStart = true;
        continue;
      }
      if (lineStart && ch == ':' && i + 1 < s.length() && s.charAt(i + 1) == ':') {
        sb.append("\\x3a");
        lineStart = false;
        continue;
      }
      if (ch != ' ' && ch != '\t') {
        lineStart = false;
      }
      appendChar(sb, ch, true);
    }
    return sb.toString();
  }

  /** Remote text that must stay on one line (a name, a unit-test name, a user id, a message). */
  public static String oneLine(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder(s.length() + 8);
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '\n') {
        sb.append("\\n");
      } else if (ch == '\t') {
        sb.append("\\t");
      } else if (ch == ':'
          && i + 1 < s.length()
          && s.charAt(i + 1) == ':'
          && s.substring(0, i).isBlank()) {
        sb.append("\\x3a");
      } else {
        appendChar(sb, ch, false);
      }
    }
    return sb.toString();
  }

  /** {@link #oneLine} of at most {@link #ITEM_MAX} characters of the original, noting the rest. */
  public static String item(String s) {
    return oneLine(cut(s, ITEM_MAX));
  }

  /** At most {@code max} characters (whole code points), with how many more there were. */
  public static String cut(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = max;
    if (Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end) + "… (" + (s.length() - end) + " more characters)";
  }

  /**
   * Remote text for Markdown outside a code block, safe both in Markdown text and inside HTML (a
   * {@code <summary>}): one line, every character Markdown, HTML or GitHub would act on written as
   * a character reference (parentheses and colons need none once brackets have one), and mentions,
   * issue references and bare links broken by a word joiner. It never starts a line: callers put it
   * after their own text, so list, heading and quote markers at a line start cannot arise.
   */
  public static String markdown(String s) {
    String one = oneLine(s);
    StringBuilder sb = new StringBuilder(one.length() + 16);
    for (int i = 0; i < one.length(); i++) {
      char ch = one.charAt(i);
      switch (ch) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '@', '#' -> sb.append("&#").append((int) ch).append(";&#8288;");
        case ':' -> {
          sb.append(':');
          if (one.startsWith("//", i + 1)) {
            sb.append("&#8288;");
          }
        }
        case '.' -> {
          if (i >= 3 && one.regionMatches(true, i - 3, "www", 0, 3)) {
            sb.append("&#8288;");
          }
          sb.append('.');
        }
        case '\\', '`', '*', '_', '[', ']', '!', '|', '~', '$' ->
            sb.append("&#").append((int) ch).append(';');
        default -> sb.append(ch);
      }
    }
    return sb.toString();
  }

  private static void appendChar(StringBuilder sb, char ch, boolean keepTab) {
    if (ch == '\t' && keepTab) {
      sb.append(ch);
    } else if (ch == '\r') {
      sb.append("\\r");
    } else if (ch < 0x20 || ch == 0x7f) {
      sb.append(String.format("\\x%02x", (int) ch));
    } else if ((ch >= 0x80 && ch <= 0x9f) || isBidiOrSeparator(ch)) {
      sb.append(String.format("\\u%04x", (int) ch));
    } else {
      sb.append(ch);
    }
  }

  private static boolean isBidiOrSeparator(char ch) {
    return (ch >= 0x202a && ch <= 0x202e)
        || (ch >= 0x2066 && ch <= 0x2069)
        || ch == 0x200e
        || ch == 0x200f
        || ch == 0x061c
        || ch == 0x2028
        || ch == 0x2029;
  }
}
