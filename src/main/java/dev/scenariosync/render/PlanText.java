package dev.scenariosync.render;

import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Change;
import dev.scenariosync.plan.Plan;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan for a person at a terminal: the summary line first, then each change with its unified
 * diff; in colour (with changed words highlighted) when asked.
 */
public final class PlanText {
  private PlanText() {}

  public static String render(Plan plan, boolean colour) {
    StringBuilder sb = new StringBuilder();
    sb.append("Plan: ").append(plan.summary()).append('\n');
    if (plan.targeted()) {
      sb.append(capitalized(targetLine(plan))).append('\n');
    }
    for (Change c : plan.changes()) {
      sb.append('\n').append(headline(c)).append('\n');
      for (String note : notes(c)) {
        sb.append("    ").append(note).append('\n');
      }
      List<String> diff = PlanDiff.lines(c, oldLabel(c), newLabel(c));
      for (String line : colour ? PlanDiff.coloured(diff) : diff) {
        sb.append("    ").append(line).append('\n');
      }
    }
    if (!plan.hasChanges()) {
      sb.append("\nNo changes. The files and the API agree.\n");
    }
    if (!plan.outside().isEmpty()) {
      sb.append("\nOutside the plan: ").append(plan.outside().describe()).append('\n');
      for (String name : shown(plan.outside().orphans())) {
        sb.append("    orphan: ").append(name).append('\n');
      }
    }
    for (String r : plan.refusals()) {
      sb.append("\nRefused: ").append(r).append('\n');
    }
    return sb.toString();
  }

  /** Orphans listed by name: at most this many, then a count. */
  static final int MAX_ORPHANS_SHOWN = 50;

  static List<String> shown(List<String> orphans) {
    if (orphans.size() <= MAX_ORPHANS_SHOWN) {
      return orphans;
    }
    List<String> out = new java.util.ArrayList<>(orphans.subList(0, MAX_ORPHANS_SHOWN));
    out.add("... and " + (orphans.size() - MAX_ORPHANS_SHOWN) + " more");
    return out;
  }

  /** "targeted (changed since main): 2 of 1,000 scenarios planned; the rest was not read". */
  static String targetLine(Plan plan) {
    return plan.target().describe(plan.planned());
  }

  static String capitalized(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** "~ Chest pain triage: new version 3, tags" and where it comes from. */
  static String headline(Change c) {
    String what =
        c.actions().stream()
            .map(
                a ->
                    switch (a) {
                      case VERSION ->
                          "new version "
                              + c.expectedVersion()
                              + " (remote is at "
                              + c.currentVersion()
                              + ")";
                      case ADOPT -> "adopt (add the ownership tag)";
                      case BLOCKED -> "delete blocked";
                      case FOREIGN -> "foreign, owned by " + c.foreignOwner();
                      default -> a.word();
                    })
            .collect(Collectors.joining(", "));
    String where =
        c.source() != null
            ? "  (" + c.source().file() + ":" + c.source().line() + ")"
            : c.scenarioId() != null ? "  (id " + c.scenarioId() + ")" : "";
    return c.primary().symbol() + " " + c.name() + ": " + what + where;
  }

  static List<String> notes(Change c) {
    List<String> out = new java.util.ArrayList<>();
    if (c.drift() != null && c.drift().creator() != null) {
      out.add(
          "remote version "
              + c.currentVersion()
              + " was made by "
              + c.drift().creator()
              + " at "
              + c.drift().createdAt());
    }
    if (c.has(Action.VERSION) && !c.unitTests().isEmpty()) {
      out.add("unit tests that will run the new version: " + names(c.unitTests()));
    }
    if (c.has(Action.BLOCKED)) {
      out.add("not deleted: used by unit tests " + names(c.unitTests()));
    }
    if (c.has(Action.FOREIGN)) {
      out.add(
          "owned by "
              + c.foreignOwner()
              + ": apply leaves it alone; plan and apply with --take-over to take it over");
    }
    return out;
  }

  static String names(List<UnitTestRef> tests) {
    return tests.stream().map(UnitTestRef::name).sorted().collect(Collectors.joining(", "));
  }

  static String oldLabel(Change c) {
    return c.currentVersion() == null ? "remote" : "remote (version " + c.currentVersion() + ")";
  }

  static String newLabel(Change c) {
    return c.source() == null ? "files" : c.source().file();
  }
}
