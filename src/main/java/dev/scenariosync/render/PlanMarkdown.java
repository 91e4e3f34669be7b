package dev.scenariosync.render;

import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Change;
import dev.scenariosync.plan.Plan;
import java.util.List;
import java.util.Map;

/**
 * The plan as a pull-request comment: a hidden marker (so CI can update one comment instead of
 * adding one per push), the summary table, then one collapsible section per scenario with a {@code
 * diff} block. It stays under {@link #LIMIT} characters by cutting long diffs, with a note.
 */
public final class PlanMarkdown {
  /** GitHub refuses comments over 65,536 characters; this leaves room for the rest. */
  public static final int LIMIT = 60_000;

  public static final String MARKER = "<!-- scenario-sync:plan -->";

  private PlanMarkdown() {}

  public static String render(Plan plan) {
    String head = head(plan);
    String tail = tail(plan);
    int budget = LIMIT - head.length() - tail.length();
    List<Change> changes = plan.changes();
    // First try every diff whole; then cut each to an equal share of what is left.
    StringBuilder body = new StringBuilder();
    int perChange = changes.isEmpty() ? budget : budget / changes.size();
    boolean cut = sections(changes, Integer.MAX_VALUE).length() > budget;
    int shown = 0;
    for (Change c : changes) {
      String section = section(c, cut ? perChange : Integer.MAX_VALUE);
      if (body.length() + section.length() > budget - 200) {
        break;
      }
      body.append(section);
      shown++;
    }
    if (shown < changes.size()) {
      body.append("\n_")
          .append(changes.size() - shown)
          .append(
              " more changes are not shown here; run `scenario-sync plan` for the whole plan._\n");
    }
    return head + body + tail;
  }

  private static String sections(List<Change> changes, int max) {
    StringBuilder sb = new StringBuilder();
    changes.forEach(c -> sb.append(section(c, max)));
    return sb.toString();
  }

  private static String head(Plan plan) {
    Map<Action, Integer> n = plan.counts();
    StringBuilder sb = new StringBuilder();
    sb.append(MARKER).append('\n');
    sb.append("### scenario-sync plan for `").append(escape(plan.organization())).append("`\n\n");
    sb.append("| create | new version | tags | adopt | delete | blocked | unchanged |\n");
    sb.append("|---:|---:|---:|---:|---:|---:|---:|\n");
    List<Action> columns =
        List.of(
            Action.CREATE,
            Action.VERSION,
            Action.TAGS,
            Action.ADOPT,
            Action.DELETE,
            Action.BLOCKED);
    for (Action a : columns) {
      sb.append("| ").append(n.get(a)).append(' ');
    }
    sb.append("| ").append(plan.unchanged()).append(" |\n\n");
    if (plan.targeted()) {
      sb.append("**")
          .append(escape(PlanText.capitalized(PlanText.targetLine(plan))))
          .append(".**\n\n");
    }
    if (n.get(Action.FOREIGN) > 0) {
      sb.append(n.get(Action.FOREIGN))
          .append(
              " foreign: declared here, owned by another owner, left alone (`--take-over`).\n\n");
    }
    if (!plan.hasChanges()) {
      sb.append("No changes. The files and the API agree.\n");
    }
    return sb.toString();
  }

  private static String tail(Plan plan) {
    StringBuilder sb = new StringBuilder();
    if (!plan.outside().isEmpty()) {
      sb.append("\n**Outside the plan:** ").append(escape(plan.outside().describe())).append('\n');
      for (String name : PlanText.shown(plan.outside().orphans())) {
        sb.append("- orphan: ").append(escape(name)).append('\n');
      }
    }
    for (String r : plan.refusals()) {
      sb.append("\n> **Refused:** ").append(escape(r)).append('\n');
    }
    return sb.toString();
  }

  private static String section(Change c, int maxChars) {
    StringBuilder sb = new StringBuilder();
    sb.append("<details><summary><code>")
        .append(c.primary().symbol())
        .append(' ')
        .append(c.primary().word())
        .append("</code> ");
    sb.append(escape(c.name()));
    if (c.actions().size() > 1) {
      sb.append(" (")
          .append(String.join(", ", c.actions().stream().map(Action::word).toList()))
          .append(')');
    }
    sb.append("</summary>\n\n");
    for (String note : PlanText.notes(c)) {
      sb.append("- ").append(escape(note)).append('\n');
    }
    if (c.source() != null) {
      sb.append("- file: `")
          .append(escape(c.source().file()))
          .append(':')
          .append(c.source().line())
          .append("`\n");
    }
    List<String> diff = PlanDiff.lines(c, PlanText.oldLabel(c), PlanText.newLabel(c));
    String fence = fence(diff);
    StringBuilder block = new StringBuilder();
    int cutLines = 0;
    for (int i = 0; i < diff.size(); i++) {
      String line = diff.get(i) + "\n";
      if (block.length() + line.length() > maxChars - 400) {
        cutLines = diff.size() - i;
        break;
      }
      block.append(line);
    }
    sb.append('\n').append(fence).append("diff\n").append(block).append(fence).append('\n');
    if (cutLines > 0) {
      sb.append("\n_Diff cut: ")
          .append(cutLines)
          .append(" more lines. Run `scenario-sync plan` to see all of it._\n");
    }
    sb.append("\n</details>\n");
    return sb.toString();
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

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
