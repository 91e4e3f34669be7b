package dev.scenariosync.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Python 3.11's own answers, checked by hand with the interpreter, for the rules we copy. */
class PyTextTest {
  @Test
  void stripRemovesWhatPythonRemovesAndJavaKeeps() {
    // Python: '\u00a0\u2007\u202f\u0085 x \t\n\u3000'.strip() == 'x'
    assertThat(PyText.strip("\u00a0\u2007\u202f\u0085 x \t\n\u3000")).isEqualTo("x");
    assertThat("\u00a0x\u00a0".strip())
        .as("Java keeps NBSP, the reason PyText exists")
        .isNotEqualTo("x");
    assertThat(PyText.strip("\u001c\u001fx\u000b\u000c")).isEqualTo("x");
  }

  @Test
  void stripKeepsWhatPythonKeeps() {
    // Python: '\u200bx\u200b'.strip() == '\u200bx\u200b' (zero-width space is not a space)
    assertThat(PyText.strip("\u200bx\u200b")).isEqualTo("\u200bx\u200b");
    assertThat(PyText.strip("\ufeffx")).isEqualTo("\ufeffx");
    assertThat(PyText.strip("a b")).isEqualTo("a b");
    assertThat(PyText.strip("")).isEmpty();
    assertThat(PyText.strip(null)).isNull();
  }

  @Test
  void stripHandlesCharactersOutsideTheBasicPlane() {
    assertThat(PyText.strip(" \uD83D\uDE00 ")).isEqualTo("\uD83D\uDE00");
  }

  @ParameterizedTest
  @CsvSource({
    "suite, true",
    "café, true",
    "Straße, true",
    "日本語, true",
    "x², true", // '²' is No: Python's \\w matches it, Java's does not
    "Ⅻ, true", // Nl
    "snake_case, true",
    "with space, true",
    "a-b, false",
    "a.b, false",
    "😀, false",
    "e\u0301, false" // a combining mark is not \\w in Python
  })
  void tagTextFollowsPythonUnicodeWordAndSpace(String text, boolean valid) {
    assertThat(PyText.isTagText(text)).isEqualTo(valid);
  }

  @Test
  void isSpaceMatchesPythonIsspaceOnTheWholeBasicPlane() {
    // The exact set of str.isspace() code points in Python 3.11.
    int[] python = {
      0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000,
      0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x2028,
      0x2029, 0x202F, 0x205F, 0x3000
    };
    java.util.Set<Integer> expected = new java.util.HashSet<>();
    for (int cp : python) {
      expected.add(cp);
    }
    for (int cp = 0; cp <= 0xFFFF; cp++) {
      assertThat(PyText.isSpace(cp)).as("U+%04X", cp).isEqualTo(expected.contains(cp));
    }
  }
}
