package dev.scenariosync.render;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.text.DiffRow;
import com.github.difflib.text.DiffRowGenerator;
import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.plan.ResourceChange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The unified diff of one change of any kind: what the remote holds against what the files want,
 * with the changed words highlighted in colour.
 */
final class PlanDiff {
  private static final String RED = "\u001b[31m";
  private static final String GREEN = "\u001b[32m";
  private static final String CYAN = "\u001b[36m";
  private static final String REVERSE = "\u001b[7m";
  private static final String NO_REVERSE = "\u001b[27m";
  private static final String RESET = "\u001b[0m";

  private PlanDiff() {}

  /**
   * The diff lines (without colour), or the lines of the whole resource for a create, rename or
   * delete; any kind, its fields as its {@link KindSpec} lists them. The ownership tag is left out
   * where it does not change; hunk headers name the field they start in instead of counting lines
   * of this layout, which no file has. A foreign resource without its wanted update has none.
   */
  static List<String> lines(
      ResourceChange c, String oldLabel, String newLabel, String ownershipKey) {
    KindSpec spec = Kinds.of(c.kind());
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
    if (c.removes()) {
      List<String> out = new ArrayList<>();
      FieldLines.lines(spec, Review.before(c), tagsBefore).forEach(l -> out.add("-" + l));
      return out;
    }
    Map<String, Object> afterFields = c.after();
    if (afterFields == null) {
      return List.of();
    }
    if (c instanceof ResourceChange.Create || c instanceof ResourceChange.Rename) {
      List<String> out = new ArrayList<>();
      FieldLines.lines(spec, afterFields, tagsAfter).forEach(l -> out.add("+" + l));
      return out;
    }
    Map<String, Object> beforeFields = new LinkedHashMap<>(Review.before(c));
    Map<String, Object> shownAfter = new LinkedHashMap<>(afterFields);
    for (FieldSpec f : spec.fields()) {
      Object was = beforeFields.get(f.name());
      Object will = afterFields.get(f.name());
      if (f.rule() == FieldRule.TIME && was != null && Objects.equals(was, will)) {
        // The same instant spelled as the file spells it: one context line, not two changes.
        beforeFields.put(f.name(), will);
      } else if (f.rule() == FieldRule.SENSITIVE_MAP
          && was instanceof Map<?, ?> b
          && will instanceof Map<?, ?> a) {
        shownAfter.put(f.name(), markedSecrets(b, a));
      }
    }
    List<String> before = FieldLines.lines(spec, beforeFields, tagsBefore);
    List<String> after = FieldLines.lines(spec, shownAfter, tagsAfter);
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff(
            oldLabel, newLabel, before, DiffUtils.diff(before, after), 3);
    return named(unified, before, after);
  }

  /**
   * The new sensitive map with each value that differs from the old one (both present) replaced by
   * {@link FieldLines#SENSITIVE_CHANGED}: both show as {@code (sensitive)}, so the change would
   * otherwise not show at all.
   */
  private static Map<Object, Object> markedSecrets(Map<?, ?> before, Map<?, ?> after) {
    Map<Object, Object> out = new LinkedHashMap<>();
    after.forEach(
        (k, v) ->
            out.put(
                k,
                before.containsKey(k) && !Objects.equals(before.get(k), v)
                    ? FieldLines.SENSITIVE_CHANGED
                    : v));
    return out;
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
          field = FieldLines.fieldAt(before, oldAt);
        } else if (l.startsWith("+")) {
          field = FieldLines.fieldAt(after, newAt);
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
