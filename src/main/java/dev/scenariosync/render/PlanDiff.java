package dev.scenariosync.render;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Change;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The unified diff of one change: what the remote holds against what the file wants. */
final class PlanDiff {
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String CYAN = "\u001b[36m";
  private static final String REVERSE = "\u001b[7m";
  private static final String NO_REVERSE = "\u001b[27m";
  private static final String RESET = "\u001b[0m";

  private PlanDiff() {}

  /**
   * The diff lines (without colour), or the lines of the whole scenario for a create or a delete.
   * The ownership tag is left out where it does not change; hunk headers name the field they start
   * in instead of counting lines of this layout, which no file has.
   */
  static List<String> lines(Change c, String oldLabel, String newLabel, String ownershipKey) {
    Map<String, String> tagsBefore = c.tagsBefore();
    Map<String, String> tagsAfter = c.tagsAfter();
    if (ownershipKey != null) {
      String was = tagsBefore == null ? null : tagsBefore.get(ownershipKey);
      String will = tagsAfter == null ? null : tagsAfter.get(ownershipKey);
      if (tagsBefore == null || tagsAfter == null || Objects.equals(was, will)) {
        tagsBefore = without(tagsBefore, ownershipKey);
        tagsAfter = without(tagsAfter, ownershipKey);
      }
    }
    if (c.has(Action.DELETE) || c.has(Action.BLOCKED)) {
      List<String> out = new ArrayList<>();
      ScenarioText.lines(c.before(), tagsBefore).forEach(l -> out.add("-" + l));
      return out;
    }
    List<String> after = ScenarioText.lines(c.after(), tagsAfter);
    if (c.has(Action.CREATE)) {
      List<String> out = new ArrayList<>();
      after.forEach(l -> out.add("+" + l));
      return out;
    }
    List<String> before = ScenarioText.lines(sameTime(c), tagsBefore);
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff(
            oldLabel, newLabel, before, DiffUtils.diff(before, after), 3);
    return named(unified, before, after);
  }

  /**
   * The remote content, its start time spelled as the file spells it when both name the same
   * instant: an unchanged time is then one context line, not a removed and an added line.
   */
  private static VersionContent sameTime(Change c) {
    VersionContent before = c.before();
    if (before == null
        || c.after() == null
        || !Objects.equals(before.conversationStartsAt(), c.after().conversationStartsAt())) {
      return before;
    }
    return before.withStartsAtAsWritten(c.after().startsAtAsWritten());
  }

  /** The map without the key; null when nothing else is left (no tag lines then). */
  private static Map<String, String> without(Map<String, String> tags, String key) {
    if (tags == null || !tags.containsKey(key)) {
      return tags;
    }
    Map<String, String> out = new LinkedHashMap<>(tags);
    out.remove(key);
    return out.isEmpty() ? null : out;
  }

  private static final Pattern HUNK =
      Pattern.compile("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@");

  /** Each hunk header replaced by the field its first change is in: "@@ instructions @@". */
  private static List<String> named(List<String> unified, List<String> before, List<String> after) {
    List<String> out = new ArrayList<>(unified.size());
    for (int i = 0; i < unified.size(); i++) {
      String line = unified.get(i);
      Matcher m = HUNK.matcher(line);
      if (!m.find()) {
        out.add(line);
        continue;
      }
      int oldAt = Integer.parseInt(m.group(1)) - 1;
      int newAt = Integer.parseInt(m.group(2)) - 1;
      String field = null;
      for (int j = i + 1; j < unified.size() && field == null; j++) {
        String l = unified.get(j);
        if (l.startsWith("-")) {
          field = ScenarioText.fieldAt(before, oldAt);
        } else if (l.startsWith("+")) {
          field = ScenarioText.fieldAt(after, newAt);
        } else {
          oldAt++;
          newAt++;
        }
      }
      out.add("@@ " + (field == null ? "" : field) + " @@");
    }
    return out;
  }

  /** The diff in colour, with the changed words of each changed line pair highlighted. */
  static List<String> coloured(List<String> diff) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < diff.size()) {
      String line = diff.get(i);
      if (line.startsWith("---") || line.startsWith("+++")) {
        out.add(line);
        i++;
      } else if (line.startsWith("@@")) {
        out.add(CYAN + line + RESET);
        i++;
      } else if (line.startsWith("-") || line.startsWith("+")) {
        List<String> removed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        while (i < diff.size() && diff.get(i).startsWith("-") && !diff.get(i).startsWith("---")) {
          removed.add(diff.get(i++).substring(1));
        }
        while (i < diff.size() && diff.get(i).startsWith("+") && !diff.get(i).startsWith("+++")) {
          added.add(diff.get(i++).substring(1));
        }
        highlight(removed, added, out);
      } else {
        out.add(line);
        i++;
      }
    }
    return out;
  }

  /** Reverse video around each line's part of a changed run (never across a line end). */
  private static String marked(String text) {
    StringBuilder sb = new StringBuilder();
    String[] parts = text.split("\n", -1);
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        sb.append('\n');
      }
      if (!parts[i].isEmpty()) {
        sb.append(REVERSE).append(parts[i]).append(NO_REVERSE);
      }
    }
    return sb.toString();
  }

  private static void highlight(List<String> removed, List<String> added, List<String> out) {
    if (!removed.isEmpty() && !added.isEmpty() && removed.size() != added.size()) {
      // Different line counts: the block compared by words, then cut back into its lines.
      List<WordDiff.Run> runs = WordDiff.runs(String.join("\n", removed), String.join("\n", added));
      StringBuilder was = new StringBuilder();
      StringBuilder will = new StringBuilder();
      for (WordDiff.Run r : runs) {
        switch (r.op()) {
          case SAME -> {
            was.append(r.text());
            will.append(r.text());
          }
          case REMOVED -> was.append(marked(r.text()));
          case ADDED -> will.append(marked(r.text()));
        }
      }
      for (String l : was.toString().split("\n", -1)) {
        out.add(RED + "-" + l + RESET);
      }
      for (String l : will.toString().split("\n", -1)) {
        out.add(GREEN + "+" + l + RESET);
      }
      return;
    }
    if (removed.size() == added.size() && !removed.isEmpty()) {
      DiffRowGenerator words =
          DiffRowGenerator.create()
              .showInlineDiffs(true)
              .inlineDiffByWord(true)
              .mergeOriginalRevised(false)
              .lineNormalizer(line -> line) // the default escapes HTML and replaces tabs
              .oldTag(start -> start ? REVERSE : NO_REVERSE)
              .newTag(start -> start ? REVERSE : NO_REVERSE)
              .build();
      List<DiffRow> rows = words.generateDiffRows(removed, added);
      for (DiffRow r : rows) {
        out.add(RED + "-" + r.getOldLine() + RESET);
      }
      for (DiffRow r : rows) {
        out.add(GREEN + "+" + r.getNewLine() + RESET);
      }
      return;
    }
    removed.forEach(l -> out.add(RED + "-" + l + RESET));
    added.forEach(l -> out.add(GREEN + "+" + l + RESET));
  }
}
