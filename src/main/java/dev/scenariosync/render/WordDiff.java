package dev.scenariosync.render;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two texts compared by words: runs of text that are equal, removed or added, in reading order
 * (removed before added where a run was replaced). Whitespace and punctuation are tokens of their
 * own, so a changed word is marked alone, not with its neighbours.
 */
final class WordDiff {
  // DOTALL: '.' must also take line terminators such as U+2028 and U+0085, or they would vanish.
  private static final Pattern TOKEN =
      Pattern.compile("\\n|[^\\S\\n]+|[\\p{L}\\p{N}_'’]+|.", Pattern.DOTALL);
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？])[^\\S\\n]+(?=\\S)");

  /** How a run of text takes part in the change. */
  enum Op {
    SAME,
    REMOVED,
    ADDED
  }

  /** A run of text and its part in the change. */
  record Run(Op op, String text) {}

  private WordDiff() {}

  static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    Matcher m = TOKEN.matcher(s);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  /** Beyond this many differing tokens, a block is shown removed and added whole. */
  static final int MAX_TOKENS = 4_000;

  /**
   * The runs that turn {@code before} into {@code after}: the common start and end first, then the
   * middle by words (or whole, when it is too long to compare by words in reasonable time).
   */
  static List<Run> runs(String before, String after) {
    List<String> a = tokens(before);
    List<String> b = tokens(after);
    int head = 0;
    while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
      head++;
    }
    int tail = 0;
    while (tail < a.size() - head
        && tail < b.size() - head
        && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
      tail++;
    }
    List<Run> out = new ArrayList<>();
    if (head > 0) {
      out.add(new Run(Op.SAME, String.join("", a.subList(0, head))));
    }
    List<String> midA = a.subList(head, a.size() - tail);
    List<String> midB = b.subList(head, b.size() - tail);
    if (midA.size() + midB.size() > MAX_TOKENS) {
      if (!midA.isEmpty()) {
        out.add(new Run(Op.REMOVED, String.join("", midA)));
      }
      if (!midB.isEmpty()) {
        out.add(new Run(Op.ADDED, String.join("", midB)));
      }
    } else {
      out.addAll(middle(midA, midB));
    }
    if (tail > 0) {
      out.add(new Run(Op.SAME, String.join("", a.subList(a.size() - tail, a.size()))));
    }
    return out;
  }

  private static List<Run> middle(List<String> a, List<String> b) {
    List<Run> out = new ArrayList<>();
    int i = 0;
    for (AbstractDelta<String> d : DiffUtils.diff(a, b).getDeltas()) {
      int at = d.getSource().getPosition();
      if (at > i) {
        out.add(new Run(Op.SAME, String.join("", a.subList(i, at))));
      }
      if (d.getType() != DeltaType.INSERT) {
        out.add(new Run(Op.REMOVED, String.join("", d.getSource().getLines())));
      }
      if (d.getType() != DeltaType.DELETE) {
        out.add(new Run(Op.ADDED, String.join("", d.getTarget().getLines())));
      }
      i = at + d.getSource().size();
    }
    if (i < a.size()) {
      out.add(new Run(Op.SAME, String.join("", a.subList(i, a.size()))));
    }
    return out;
  }

  /** The number of words removed or added, whichever is larger: "1 word" for a replaced word. */
  static int changedWords(List<Run> runs) {
    int removed = 0;
    int added = 0;
    for (Run r : runs) {
      int words = (int) tokens(r.text()).stream().filter(WordDiff::isWord).count();
      if (r.op() == Op.REMOVED) {
        removed += words;
      } else if (r.op() == Op.ADDED) {
        added += words;
      }
    }
    return Math.max(removed, added);
  }

  /** The changed words of two texts, compared sentence by sentence and then by words. */
  static int changedWords(String before, String after) {
    int n = 0;
    for (AbstractDelta<String> d :
        DiffUtils.diff(sentences(before), sentences(after)).getDeltas()) {
      n +=
          changedWords(
              runs(
                  String.join(" ", d.getSource().getLines()),
                  String.join(" ", d.getTarget().getLines())));
    }
    return n;
  }

  private static boolean isWord(String token) {
    return token.codePoints().anyMatch(Character::isLetterOrDigit);
  }

  /** The text's lines, each long line split after its sentences' ends. */
  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n", -1)) {
      for (String s : SENTENCE_END.split(line)) {
        out.add(s);
      }
    }
    return out;
  }
}
