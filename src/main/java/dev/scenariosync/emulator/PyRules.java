package dev.scenariosync.emulator;

import java.util.regex.Pattern;

/**
 * The server's text rules, written independently of the client's (the fake and the client must not
 * share bugs): Python's {@code str.strip()} and the pattern {@code ^[\w\s]+$} with Python's Unicode
 * classes, both as regular expressions over explicit character sets.
 */
final class PyRules {
  /** Every code point for which Python's {@code str.isspace()} is true. */
  private static final String SPACE =
      "\\t\\n\\x0B\\f\\r\\x1C-\\x1F \\x85\\xA0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000";

  private static final Pattern STRIP = Pattern.compile("^[" + SPACE + "]+|[" + SPACE + "]+$");
  private static final Pattern WORD_OR_SPACE = Pattern.compile("^[\\p{L}\\p{N}_" + SPACE + "]+$");

  /** What the API's pattern says, for error messages. */
  static final String TAG_PATTERN = "^[\\w\\s]+$";

  static final Pattern OBJECT_ID = Pattern.compile("^[a-f0-9]{24}$");

  private PyRules() {}

  static String strip(String s) {
    return STRIP.matcher(s).replaceAll("");
  }

  static boolean matchesTagPattern(String s) {
    return WORD_OR_SPACE.matcher(s).matches();
  }
}
