package dev.scenariosync.render;

import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The plan as a pull-request comment: a hidden marker (so CI can update one comment instead of
 * adding one per push), a heading naming the organization, commit and time, refusals first, the
 * summary table, then one collapsible section per scenario whose summary row carries the review,
 * with prose changes marked by words and the full diff nested. Every remote string outside a code
 * block goes through {@link Safe#markdown}; code blocks through {@link Safe#terminal} and a fence
 * longer than any backtick run. It stays under {@link #LIMIT} characters by cutting (see {@link
 * #render(Plan, PlanContext)}).
 */
public final class PlanMarkdown {
  /** GitHub refuses comments over 65,536 characters; this leaves room for the rest. */
  public static final int LIMIT = 60_000;

  public static final String MARKER = "<!-- scenario-sync:plan -->";

  /** Sections with at most this many lines are open by default (as Atlantis folds over 12). */
  static final int OPEN_LINES = 12;

  /** Room kept for the closing notes of a cut plan. */
  private static final int NOTE_ROOM = 600;

  /** The most changed sentences shown by words for one field. */
  private static final int MAX_PROSE_ITEMS = 12;

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private PlanMarkdown() {}

  /** One change's pieces, computed once: cutting re-assembles them at several sizes. */
  private record Parts(
      ResourceChange change,
      String summary,
      List<String> notes,
      List<String> diff,
      Map<String, List<String>> prose) {}

  private static Parts parts(ResourceChange c, PlanContext ctx) {
    Map<String, List<String>> prose = new java.util.LinkedHashMap<>();
    Review.texts(c)
        .forEach(
            (field, pair) -> {
              if (!pair[0].equals(pair[1])) {
                prose.put(field, changedSentences(pair[0], pair[1]));
              }
            });
    Review.times(c)
        .forEach(
            (field, pair) -> {
              if (!java.util.Objects.equals(pair[0], pair[1])) {
                prose.put(field, List.of(startsAt(pair[0], pair[1])));
              }
            });
    return new Parts(
        c,
        summary(c, ctx),
        notes(c, ctx),
        PlanDiff.lines(c, PlanText.oldLabel(c), PlanText.newLabel(c), key(ctx)),
        prose);
  }

  public static String render(Plan plan) {
    return render(plan, PlanContext.NONE);
  }

  /**
   * The comment. When everything does not fit: bodies of new scenarios go first (the pull request's
   * file diff shows new files), then the largest diffs are cut to a common size so small diffs stay
   * whole, then sections are reduced to their summary row; a section that does not fit even so is
   * counted in a closing note, and the rest still render.
   */
  public static String render(Plan plan, PlanContext ctx) {
    return render(plan, ctx, LIMIT);
  }

  /** The comment within {@code limit} characters (a job summary allows far more than a comment). */
  public static String render(Plan plan, PlanContext ctx, int limit) {
    String head = head(plan, ctx) + kept(ctx) + unmanaged(plan);
    Map<ResourceKind, List<ResourceChange>> byKind = Review.byKind(plan);
    boolean titled = Review.titled(byKind);
    List<ResourceChange> changes = new ArrayList<>();
    byKind.values().forEach(changes::addAll);
    int budget = limit - head.length() - NOTE_ROOM - (titled ? 40 * byKind.size() : 0);
    List<Parts> parts = changes.stream().map(c -> parts(c, ctx)).toList();
    List<String> full = new ArrayList<>();
    for (Parts p : parts) {
      full.add(section(p, Integer.MAX_VALUE, true));
    }
    if (total(full) <= budget) {
      return head + titledSections(changes, full, titled);
    }
    List<String> sections = new ArrayList<>(full);
    // New resources become one list at the end (their files are in the pull request's diff).
    List<ResourceChange> creates = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i) instanceof ResourceChange.Create) {
        sections.set(i, "");
        creates.add(changes.get(i));
      }
    }
    int bodiesDropped = creates.size();
    budget -= Math.min(createList(creates, Integer.MAX_VALUE).length(), budget / 2);
    int cut = 0;
    if (total(sections) > budget) {
      // The largest cap at which the cut sections fit: small diffs stay whole.
      int lo = 0;
      int hi = full.stream().mapToInt(String::length).max().orElse(0);
      while (lo < hi) {
        int mid = (lo + hi + 1) >>> 1;
        if (total(capped(parts, sections, mid)) <= budget) {
          lo = mid;
        } else {
          hi = mid - 1;
        }
      }
      List<String> capped = capped(parts, sections, lo);
      for (int i = 0; i < capped.size(); i++) {
        if (!capped.get(i).equals(sections.get(i))) {
          cut++;
        }
      }
      sections = capped;
    }
    List<String> fitting = new ArrayList<>(sections.size());
    int notShown = 0;
    int length = 0;
    for (String s : sections) {
      if (length + s.length() > budget) {
        notShown++;
        fitting.add("");
        continue;
      }
      fitting.add(s);
      length += s.length();
    }
    StringBuilder body = new StringBuilder(titledSections(changes, fitting, titled));
    if (titled && !creates.isEmpty()) {
      // Not under the last kind's heading: the list names resources of every kind.
      body.append("#### New resources\n\n");
    }
    body.append(createList(creates, limit - NOTE_ROOM - head.length() - body.length()));
    body.append("\n---\n\n_This comment is cut to fit in ")
        .append(String.format(java.util.Locale.ROOT, "%,d", limit))
        .append(" characters");
    if (bodiesDropped > 0) {
      body.append("; new ")
          .append(createdWord(creates))
          .append(" are listed without their content (the pull request's files show it)");
    }
    if (cut > 0) {
      body.append("; the largest diffs are cut");
    }
    if (notShown > 0) {
      body.append("; ").append(notShown).append(" changes are not shown");
    }
    body.append(
        ". The whole plan: download the saved plan (the `scenario-plan` artifact) and run"
            + " `scenario-sync show plan.json`._\n");
    return head + body;
  }

  /** The owned remote scenarios no file declares (kept without --prune), open when few. */
  private static String kept(PlanContext ctx) {
    List<String> kept = ctx.kept();
    if (kept.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    sb.append(kept.size() <= OPEN_LINES ? "<details open>" : "<details>")
        .append("<summary>📌 ")
        .append(kept.size())
        .append(" in the remote but in no file (kept; <code>--prune</code> deletes them)")
        .append("</summary>\n\n");
    kept.stream()
        .limit(Review.MAX_TESTS_LISTED)
        .forEach(
            n ->
                sb.append("- <b>")
                    .append(Safe.markdown(Safe.cut(n, Safe.ITEM_MAX)))
                    .append("</b>\n"));
    if (kept.size() > Review.MAX_TESTS_LISTED) {
      sb.append("- … and ").append(kept.size() - Review.MAX_TESTS_LISTED).append(" more\n");
    }
    return sb.append("\n</details>\n\n").toString();
  }

  /** The count of unmanaged scenarios (in no file, not owned here), when there are any. */
  private static String unmanaged(Plan plan) {
    return plan.outside().unmanaged() == 0
        ? ""
        : Safe.markdown(PlanText.unmanagedLine(plan)) + ".\n\n";
  }

  /**
   * The sections in order, each non-empty run of one kind under its kind's heading when {@code
   * titled}.
   */
  private static String titledSections(
      List<ResourceChange> changes, List<String> sections, boolean titled) {
    StringBuilder sb = new StringBuilder();
    ResourceKind current = null;
    for (int i = 0; i < sections.size(); i++) {
      if (sections.get(i).isEmpty()) {
        continue;
      }
      ResourceKind kind = changes.get(i).kind();
      if (titled && kind != current) {
        sb.append("#### ").append(Review.title(kind)).append("\n\n");
      }
      current = kind;
      sb.append(sections.get(i));
    }
    return sb.toString();
  }

  /** "scenarios" when every create is one, else "resources". */
  private static String createdWord(List<ResourceChange> creates) {
    return creates.stream().allMatch(c -> c.kind() == ResourceKind.SCENARIO)
        ? "scenarios"
        : "resources";
  }

  /** New resources by name and file, in one section, within {@code room} characters. */
  private static String createList(List<ResourceChange> creates, int room) {
    if (creates.isEmpty()) {
      return "";
    }
    boolean scenarios = createdWord(creates).equals("scenarios");
    StringBuilder sb = new StringBuilder();
    sb.append("<details><summary>")
        .append(Review.Kind.CREATE.emoji)
        .append(" <code>+ create</code> ")
        .append(creates.size())
        .append(" new ")
        .append(createdWord(creates))
        .append(" · their content is in the pull request's files</summary>\n\n");
    int listed = 0;
    for (ResourceChange c : creates) {
      SourceLocation source = c.source();
      String line =
          "- "
              + (scenarios ? "" : Safe.markdown(c.kind().word()) + " ")
              + "<b>"
              + Safe.markdown(Safe.cut(c.name(), Safe.ITEM_MAX))
              + "</b>"
              + (source == null ? "" : " · " + Safe.markdown(source.file()))
              + "\n";
      if (sb.length() + line.length() + 100 > room) {
        break;
      }
      sb.append(line);
      listed++;
    }
    if (listed < creates.size()) {
      sb.append("- … and ").append(creates.size() - listed).append(" more\n");
    }
    return sb.append("\n</details>\n\n").toString();
  }

  private static List<String> capped(List<Parts> parts, List<String> sections, int cap) {
    List<String> out = new ArrayList<>(sections.size());
    for (int i = 0; i < parts.size(); i++) {
      String s = sections.get(i);
      out.add(s.length() <= cap ? s : section(parts.get(i), cap, cap > 0));
    }
    return out;
  }

  private static int total(List<String> sections) {
    return sections.stream().mapToInt(String::length).sum();
  }

  private static String head(Plan plan, PlanContext ctx) {
    StringBuilder sb = new StringBuilder();
    sb.append(MARKER).append('\n');
    sb.append("### scenario-sync plan for <code>")
        .append(Safe.markdown(plan.organization()))
        .append("</code>");
    if (ctx.commit() != null) {
      sb.append(" at <code>").append(Safe.markdown(shortCommit(ctx.commit()))).append("</code>");
    }
    if (ctx.plannedAt() != null) {
      sb.append(", ").append(TIME.format(ctx.plannedAt()));
    }
    sb.append("\n\n");
    if (!plan.refusals().isEmpty()) {
      sb.append("> [!CAUTION]\n");
      for (String r : plan.refusals()) {
        sb.append("> **Refused:** ").append(Safe.markdown(Safe.cut(r, 2_000))).append("<br>\n");
      }
      sb.append("> Nothing is applied while the plan is refused; the plan it refuses follows.\n\n");
    }
    sb.append("**").append(plan.summary()).append(".** ");
    if (!plan.refusals().isEmpty()) {
      sb.append("Merging applies nothing until the refusal is resolved.\n\n");
    } else if (plan.hasChanges()) {
      sb.append(
          "Merging applies this plan; a later UI edit becomes a conflict, not an overwrite.\n\n");
    } else {
      sb.append("No changes. The files and the API agree.\n\n");
    }
    Map<Action, Integer> n = plan.counts();
    // "update" (a unit test or set changed in place) only when there is one, as in the JSON summary
    List<Action> columns =
        n.getOrDefault(Action.UPDATE, 0) > 0
            ? List.of(
                Action.CREATE,
                Action.VERSION,
                Action.UPDATE,
                Action.TAGS,
                Action.ADOPT,
                Action.DELETE,
                Action.BLOCKED)
            : List.of(
                Action.CREATE,
                Action.VERSION,
                Action.TAGS,
                Action.ADOPT,
                Action.DELETE,
                Action.BLOCKED);
    for (Action a : columns) {
      sb.append("| ").append(a == Action.VERSION ? "new version" : a.word()).append(' ');
    }
    sb.append("| unchanged |\n");
    sb.append("|---:".repeat(columns.size() + 1)).append("|\n");
    for (Action a : columns) {
      sb.append("| ").append(n.get(a)).append(' ');
    }
    sb.append("| ").append(plan.unchangedAll()).append(" |\n\n");
    if (plan.targeted()) {
      sb.append("**")
          .append(Safe.markdown(PlanText.capitalized(PlanText.targetLine(plan))))
          .append(".**\n\n");
    }
    if (n.get(Action.FOREIGN) > 0) {
      sb.append(n.get(Action.FOREIGN))
          .append(
              " foreign: declared here, owned by another owner, left alone (`--take-over`).\n\n");
    }
    return sb.toString();
  }

  private static String shortCommit(String sha) {
    return sha.matches("[0-9a-fA-F]{40,64}") ? sha.substring(0, 12) : Safe.cut(sha, 80);
  }

  /**
   * One scenario's section; {@code maxChars} bounds its diff and prose ({@code 0} with {@code
   * withBody false}: the summary row and notes only).
   */
  private static String section(Parts p, int maxChars, boolean withBody) {
    ResourceChange c = p.change();
    StringBuilder body = new StringBuilder();
    for (String note : p.notes()) {
      body.append("- ").append(note).append('\n');
    }
    List<String> diff = p.diff();
    int diffLines = diff.size();
    // An update with prose folds its full diff; so does a new version (as it always has).
    boolean folded = !diff.isEmpty() && (!p.prose().isEmpty() || Review.newVersion(c));
    if (withBody) {
      String prose = prose(p, maxChars);
      body.append(prose);
      if (!diff.isEmpty()) {
        String block = diffBlock(diff, maxChars - prose.length());
        if (folded) {
          body.append("\n<details><summary>Full diff</summary>\n\n")
              .append(block)
              .append("\n</details>\n");
        } else {
          body.append('\n').append(block);
        }
      }
    } else if (c instanceof ResourceChange.Create) {
      body.append("- content not shown (")
          .append(diffLines)
          .append(" lines): the pull request's file diff shows the new file\n");
    } else if (!diff.isEmpty()) {
      body.append("- diff not shown (").append(diffLines).append(" lines)\n");
    }
    // What shows when open: the notes, the prose, and the diff unless it is folded in its own.
    long shownLines =
        body.toString().lines().filter(l -> !l.isBlank()).count()
            - (diff.isEmpty() ? 0 : folded ? diffLines + 4 : 2);
    boolean open = withBody && shownLines <= OPEN_LINES;
    StringBuilder sb = new StringBuilder();
    sb.append(open ? "<details open>" : "<details>").append("<summary>");
    sb.append(p.summary());
    sb.append("</summary>\n\n").append(body).append("\n</details>\n\n");
    return sb.toString();
  }

  /** The summary row: marker, name, versions, fields, unit tests, warning. */
  static String summary(ResourceChange c, PlanContext ctx) {
    Review.Kind kind = Review.kind(c);
    StringBuilder sb = new StringBuilder();
    sb.append(kind.emoji)
        .append(" <code>")
        .append(kind.symbol)
        .append(' ')
        .append(kind.word)
        .append("</code> <b>")
        .append(Safe.markdown(Safe.cut(c.name(), Safe.ITEM_MAX)))
        .append("</b>");
    if (!Review.versions(c).isEmpty()) {
      sb.append(" · ").append(Review.versions(c));
    }
    for (String f : Review.fields(c, key(ctx))) {
      sb.append(" · ").append(Safe.markdown(Safe.cut(f, Safe.ITEM_MAX)));
    }
    if (Review.testCount(c) != null) {
      sb.append(" · ").append(Review.testCount(c));
    }
    if (Review.madeElsewhere(c, ctx)) {
      sb.append(" · ⚠️ reverts an edit by ")
          .append(Safe.markdown(Safe.cut(Review.latest(c).creator().toString(), Safe.ITEM_MAX)));
    }
    return sb.toString();
  }

  private static List<String> notes(ResourceChange c, PlanContext ctx) {
    List<String> out = new ArrayList<>();
    ResourceChange.Edit latest = Review.latest(c);
    if (latest != null && latest.creator() != null) {
      boolean elsewhere = Review.madeElsewhere(c, ctx);
      out.add(
          (elsewhere ? "⚠️ **" : "")
              + (Review.newVersion(c) ? "remote" : "latest")
              + " version "
              + Review.currentVersion(c)
              + " was made by "
              + Safe.markdown(Safe.cut(latest.creator().toString(), Safe.ITEM_MAX))
              + " at "
              + latest.createdAt()
              + (elsewhere ? "**: merging replaces it with the file's content" : ""));
    }
    if (c instanceof ResourceChange.Rename r) {
      String word = r.kind().word().replace('_', ' ');
      out.add(
          "rename from “"
              + Safe.markdown(Safe.cut(r.renamedFrom(), Safe.ITEM_MAX))
              + "”: created with its `previous_id`, then the old "
              + word
              + " is deleted");
      out.add(
          "the old "
              + word
              + " (id <code>"
              + Safe.markdown(r.oldId())
              + "</code>"
              + (r.oldVersion() == null ? "" : ", version " + r.oldVersion())
              + ") is deleted last, after every other write succeeded");
    }
    String[] identifying = Review.identifying(c);
    if (identifying != null) {
      out.add(
          Safe.markdown(identifying[0])
              + ": "
              + Safe.markdown(Safe.cut(identifying[1].replace('\n', ' '), 500)));
    }
    List<dev.scenariosync.model.Ref> reached = Review.reached(c);
    if (!reached.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (String n : Review.reachedNames(c)) {
        names.add("“" + Safe.markdown(Safe.cut(n, Safe.ITEM_MAX)) + "”");
      }
      String listed = String.join(", ", names);
      int more = Review.notListed(c);
      if (more > 0) {
        listed += " and " + more + " more";
      }
      if (c instanceof ResourceChange.Blocked) {
        out.add("not deleted: used by " + Review.noun(reached) + " " + listed);
      } else if (c instanceof ResourceChange.Rename) {
        out.add("unit tests re-pointed to it: " + listed);
      } else if (c instanceof ResourceChange.Update u && u.expectedVersion() != null) {
        out.add("unit tests that will run v" + u.expectedVersion() + ": " + listed);
      }
    }
    if (c instanceof ResourceChange.Foreign f) {
      out.add(
          "owned by "
              + Safe.markdown(Safe.cut(f.owner(), Safe.ITEM_MAX))
              + ": apply leaves it alone; plan and apply with `--take-over` to take it over");
    }
    SourceLocation source = c.source();
    if (source != null) {
      out.add("file: " + Safe.markdown(source.file()) + ", line " + source.line());
    }
    return out;
  }

  /**
   * For each changed text field, the changed sentences with the changed words marked, outside any
   * code block so that they wrap and GitHub shows {@code <del>}/{@code <ins>}.
   */
  private static String prose(Parts p, int maxChars) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, List<String>> e : p.prose().entrySet()) {
      StringBuilder field =
          new StringBuilder("\n**").append(Safe.markdown(e.getKey())).append("**\n\n");
      List<String> items = e.getValue();
      int shown = 0;
      for (String item : items) {
        if (shown == MAX_PROSE_ITEMS
            || sb.length() + field.length() + item.length() > maxChars / 2) {
          break;
        }
        field.append("- ").append(item).append('\n');
        shown++;
      }
      if (shown < items.size()) {
        field.append("- … ").append(items.size() - shown).append(" more changed passages\n");
      }
      sb.append(field);
    }
    return sb.toString();
  }

  /**
   * A changed start time: the remote's as the server returns it, the file's as the file spells it
   * with the UTC instant after it when they differ.
   */
  private static String startsAt(Object before, Object after) {
    StringBuilder sb = new StringBuilder();
    marked(sb, "del", FieldLines.startsAt(before));
    sb.append(' ');
    String will = FieldLines.startsAt(after);
    int utc = will.indexOf("  # ");
    marked(sb, "ins", utc < 0 ? will : will.substring(0, utc));
    if (utc >= 0) {
      sb.append(" (").append(Safe.markdown(will.substring(utc + 4))).append(')');
    }
    return sb.toString();
  }

  /** The changed sentence groups of a text, each as Markdown with its changed words marked. */
  static List<String> changedSentences(String before, String after) {
    List<String> a = WordDiff.sentences(before);
    List<String> b = WordDiff.sentences(after);
    List<String> out = new ArrayList<>();
    for (var d : com.github.difflib.DiffUtils.diff(a, b).getDeltas()) {
      String was = String.join(" ", d.getSource().getLines());
      String will = String.join(" ", d.getTarget().getLines());
      StringBuilder sb = new StringBuilder();
      List<WordDiff.Run> runs = WordDiff.runs(was, will);
      if (mostlyRewritten(runs)) {
        // Interleaved marks over a rewrite read worse than the old text, then the new one.
        runs = new ArrayList<>();
        if (!was.isBlank()) {
          runs.add(new WordDiff.Run(WordDiff.Op.REMOVED, was));
        }
        if (!will.isBlank()) {
          runs.add(new WordDiff.Run(WordDiff.Op.ADDED, will));
        }
      }
      WordDiff.Op previous = WordDiff.Op.SAME;
      for (WordDiff.Run r : runs) {
        String text = Safe.cut(r.text(), 1_000);
        switch (r.op()) {
          case SAME -> sb.append(Safe.markdown(text));
          case REMOVED -> marked(sb, "del", text);
          case ADDED -> {
            if (previous == WordDiff.Op.REMOVED
                && !sb.isEmpty()
                && sb.charAt(sb.length() - 1) != ' ') {
              sb.append(' ');
            }
            marked(sb, "ins", text);
          }
        }
        previous = r.op();
      }
      out.add(sb.toString().strip());
    }
    return out;
  }

  /** True when fewer words stay than change: a rewrite, not an edit. */
  private static boolean mostlyRewritten(List<WordDiff.Run> runs) {
    int same = 0;
    int changed = 0;
    for (WordDiff.Run r : runs) {
      int words = (int) WordDiff.tokens(r.text()).stream().filter(t -> !t.isBlank()).count();
      if (r.op() == WordDiff.Op.SAME) {
        same += words;
      } else {
        changed += words;
      }
    }
    return changed > 1 && changed > 2 * same;
  }

  /** The run inside the tag, its leading and trailing blanks outside (so words stay apart). */
  private static void marked(StringBuilder sb, String tag, String text) {
    String core = text.strip();
    if (core.isEmpty()) {
      if (tag.equals("ins")) {
        sb.append(' ');
      }
      return;
    }
    int lead = text.indexOf(core.charAt(0));
    if (lead > 0) {
      sb.append(' ');
    }
    sb.append('<')
        .append(tag)
        .append('>')
        .append(Safe.markdown(core))
        .append("</")
        .append(tag)
        .append('>');
    if (text.length() > lead + core.length()) {
      sb.append(' ');
    }
  }

  /** The diff in a fence, cut to {@code maxChars} with a note of what was left out. */
  static String diffBlock(List<String> diff, int maxChars) {
    String fence = fence(diff);
    StringBuilder block = new StringBuilder();
    int cutLines = 0;
    for (int i = 0; i < diff.size(); i++) {
      String line = diff.get(i) + "\n";
      if (block.length() + line.length() > Math.max(0, maxChars - 400)) {
        cutLines = diff.size() - i;
        break;
      }
      block.append(line);
    }
    StringBuilder sb = new StringBuilder();
    sb.append(fence).append("diff\n").append(block).append(fence).append('\n');
    if (cutLines > 0) {
      sb.append("\n_Diff cut: ")
          .append(cutLines)
          .append(" more lines; `scenario-sync show plan.json` shows all of it._\n");
    }
    return sb.toString();
  }

  private static String key(PlanContext ctx) {
    return PlanText.ownershipKey(ctx);
  }

  /** A code fence longer than any run of backticks inside the block. */
  private static String fence(List<String> lines) {
    int longest = 2;
    for (String l : lines) {
      int run = 0;
      for (int i = 0; i < l.length(); i++) {
        run = l.charAt(i) == '`' ? run + 1 : 0;
        longest = Math.max(longest, run);
      }
    }
    return "`".repeat(longest + 1);
  }
}
