package dev.scenariosync.render;

import dev.scenariosync.apply.ApplyResult;
import dev.scenariosync.apply.Outcome;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The result of an apply as a table: one row per change in apply order, a scenario by its name and
 * the other kinds with theirs ("persona Anxious patient"), each with its status, actions and note;
 * remote text through {@link Safe}.
 */
public final class ApplyResultText {
  /** A note in the table is cut here: one remote error body cannot make a line of any length. */
  private static final int MESSAGE_MAX = 1_000;

  private ApplyResultText() {}

  public static String render(ApplyResult result) {
    Map<Outcome.Status, Integer> n = result.counts();
    StringBuilder sb = new StringBuilder();
    sb.append("\nApply finished: ")
        .append(n.get(Outcome.Status.DONE))
        .append(" done, ")
        .append(n.get(Outcome.Status.FAILED))
        .append(" failed, ")
        .append(n.get(Outcome.Status.CONFLICT))
        .append(n.get(Outcome.Status.CONFLICT) == 1 ? " conflict, " : " conflicts, ")
        .append(n.get(Outcome.Status.SKIPPED))
        .append(" skipped\n\n");
    List<String[]> rows = new ArrayList<>();
    boolean scenariosOnly = true;
    for (Outcome o : result.outcomes()) {
      ResourceChange c = o.change();
      scenariosOnly &= c.kind() == ResourceKind.SCENARIO;
      rows.add(
          new String[] {
            word(o.status()),
            (c.kind() == ResourceKind.SCENARIO ? "" : c.kind().word() + " ") + Safe.item(c.name()),
            c.actions().stream().map(Action::word).collect(Collectors.joining(",")),
            Safe.oneLine(Safe.cut(o.message(), MESSAGE_MAX))
          });
    }
    int width = Math.max(8, rows.stream().mapToInt(r -> r[1].length()).max().orElse(8));
    String format = "  %-9s %-" + width + "s  %-22s %s%n";
    sb.append(
        String.format(format, "STATUS", scenariosOnly ? "SCENARIO" : "NAME", "ACTIONS", "NOTE"));
    for (String[] r : rows) {
      sb.append(String.format(format, (Object[]) r).stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  private static String word(Outcome.Status s) {
    return s.name().toLowerCase(Locale.ROOT);
  }
}
