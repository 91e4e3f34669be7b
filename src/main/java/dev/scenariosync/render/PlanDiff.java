package dev.scenariosync.render;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Change;
import java.util.ArrayList;
import java.util.List;

/** The unified diff of one change: what the remote holds against what the file wants. */
final class PlanDiff {
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String CYAN = "\u001b[36m";
  private static final String REVERSE = "\u001b[7m";
  private static final String NO_REVERSE = "\u001b[27m";
  private static final String RESET = "\u001b[0m";

  private PlanDiff() {}

  /** The diff lines (without colour), or the lines of the whole scenario for a create. */
  static List<String> lines(Change c, String oldLabel, String newLabel) {
    List<String> before =
        c.has(Action.CREATE) ? List.of() : ScenarioText.lines(c.before(), c.tagsBefore());
    List<String> after =
        c.has(Action.DELETE) || c.has(Action.BLOCKED)
            ? List.of()
            : ScenarioText.lines(c.after(), c.tagsAfter());
    if (c.has(Action.DELETE) || c.has(Action.BLOCKED)) {
      List<String> out = new ArrayList<>();
      ScenarioText.lines(c.before(), c.tagsBefore()).forEach(l -> out.add("-" + l));
      return out;
    }
    if (c.has(Action.CREATE)) {
      List<String> out = new ArrayList<>();
      after.forEach(l -> out.add("+" + l));
      return out;
    }
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff(
            oldLabel, newLabel, before, DiffUtils.diff(before, after), 3);
    return unified;
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

  private static void highlight(List<String> removed, List<String> added, List<String> out) {
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
