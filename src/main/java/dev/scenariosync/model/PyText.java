package dev.scenariosync.model;

/**
 * Text rules of the Amigo API, which is written in Python: {@code str.strip()}, {@code
 * str.isspace()} and the Unicode {@code \w} of Python's {@code re} module.
 *
 * <p>Java's {@link String#strip()} keeps U+00A0, U+2007, U+202F and U+0085, which Python strips;
 * Java's {@code \w} (even with UNICODE_CHARACTER_CLASS) accepts combining marks and rejects numbers
 * such as '²', unlike Python. Both differences would make a plan report changes the server never
 * stores, so everything that compares or checks text goes through this class.
 */
public final class PyText {
  private PyText() {}

  /** Python's {@code str.isspace()} for one code point. */
  public static boolean isSpace(int cp) {
    return Character.isWhitespace(cp)
        || cp == 0x00A0
        || cp == 0x2007
        || cp == 0x202F
        || cp == 0x0085;
  }

  /** Python's {@code re} Unicode {@code \w}: letters, numbers (any kind) and underscore. */
  public static boolean isWordChar(int cp) {
    if (cp == '_') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.UPPERCASE_LETTER,
          Character.LOWERCASE_LETTER,
          Character.TITLECASE_LETTER,
          Character.MODIFIER_LETTER,
          Character.OTHER_LETTER,
          Character.DECIMAL_DIGIT_NUMBER,
          Character.LETTER_NUMBER,
          Character.OTHER_NUMBER ->
          true;
      default -> false;
    };
  }

  /** Python's {@code s.strip()}; null stays null. */
  public static String strip(String s) {
    if (s == null) {
      return null;
    }
    int start = 0;
    int end = s.length();
    while (start < end) {
      int cp = s.codePointAt(start);
      if (!isSpace(cp)) {
        break;
      }
      start += Character.charCount(cp);
    }
    while (end > start) {
      int cp = s.codePointBefore(end);
      if (!isSpace(cp)) {
        break;
      }
      end -= Character.charCount(cp);
    }
    return s.substring(start, end);
  }

  /** True when the text is empty after {@link #strip(String)}. */
  public static boolean isBlank(String s) {
    return s == null || strip(s).isEmpty();
  }

  /**
   * The API's tag pattern {@code ^[\w\s]+$} with Python's Unicode classes, applied to text that is
   * not empty. The stripped characters are all {@code \s}, so the result is the same before and
   * after stripping.
   */
  public static boolean isTagText(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    return s.codePoints().allMatch(cp -> isWordChar(cp) || isSpace(cp));
  }

  /** The first code point that breaks {@link #isTagText}, or -1. */
  public static int firstNonTagChar(String s) {
    return s.codePoints().filter(cp -> !(isWordChar(cp) || isSpace(cp))).findFirst().orElse(-1);
  }
}
