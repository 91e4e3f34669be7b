package dev.scenariosync.render;

import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Change;
import dev.scenariosync.plan.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan for a person at a terminal: refusals first, the summary line, then each change with a
 * headline that carries the review (kind, versions, fields changed, unit tests) and its diff; in
 * colour (with changed words highlighted) when asked. Remote text is shown through {@link Safe}.
 */
public final class PlanText {
  private PlanText() {}

  public static String render(Plan plan, boolean colour) {
    return render(plan, colour, PlanContext.NONE);
  }

  public static String render(Plan plan, boolean colour, PlanContext ctx) {
    StringBuilder sb = new StringBuilder();
    sb.append(refusals(plan));
    sb.append("Plan: ").append(plan.summary()).append('\n');
    if (plan.targeted()) {
      sb.append(capitalized(targetLine(plan))).append('\n');
    }
    for (Change c : plan.changes()) {
      sb.append('\n').append(headline(c, ctx)).append('\n');
      for (String note : notes(c, ctx)) {
        sb.append("    ").append(note).append('\n');
      }
      List<String> diff = PlanDiff.lines(c, oldLabel(c), newLabel(c), ownershipKey(ctx));
      for (String line : colour ? PlanDiff.coloured(diff) : diff) {
        sb.append("    ").append(line).append('\n');
      }
    }
    ResourceText.lines(plan, ownershipKey(ctx)).forEach(l -> sb.append(l).append('\n'));
    if (!plan.hasChanges()) {
      sb.append("\nNo changes. The files and the API agree.\n");
    }
    if (!ctx.kept().isEmpty()) {
      sb.append("\nIn the remote but in no file (kept; --prune deletes them): ")
          .append(ctx.kept().size())
          .append('\n');
      ctx.kept().stream()
          .limit(Review.MAX_TESTS_LISTED)
          .forEach(n -> sb.append("    ").append(Safe.item(n)).append('\n'));
      if (ctx.kept().size() > Review.MAX_TESTS_LISTED) {
        sb.append("    … and ")
            .append(ctx.kept().size() - Review.MAX_TESTS_LISTED)
            .append(" more\n");
      }
    }
    if (plan.outside().unmanaged() > 0) {
      sb.append("\n").append(unmanagedLine(plan)).append('\n');
    }
    return sb.toString();
  }

  /** "Unmanaged (in no file, not owned here: no ownership tag, or another owner's): 3". */
  static String unmanagedLine(Plan plan) {
    return "Unmanaged (in no file, not owned here: no ownership tag, or another owner's): "
        + plan.outside().unmanaged();
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

  /** "Refused: …" lines (and a blank line) when the plan is refused; empty otherwise. */
  public static String refusals(Plan plan) {
    StringBuilder sb = new StringBuilder();
    for (String r : plan.refusals()) {
      sb.append("Refused: ").append(Safe.oneLine(r)).append('\n');
    }
    if (!plan.refusals().isEmpty()) {
      sb.append("Nothing is applied while the plan is refused.\n\n");
    }
    return sb.toString();
  }

  /** "~ Reschedule update v2 → v3 · instructions: 1 word · 1 unit test (file:2)". */
  static String headline(Change c, PlanContext ctx) {
    Review.Kind kind = Review.kind(c);
    List<String> parts = new ArrayList<>();
    parts.add((kind.word + " " + Review.versions(c)).strip());
    Review.fields(c, ownershipKey(ctx)).forEach(f -> parts.add(Safe.item(f)));
    if (Review.testCount(c) != null) {
      parts.add(Review.testCount(c));
    }
    if (Review.madeElsewhere(c, ctx)) {
      parts.add("replaces an edit by " + Safe.item(c.drift().creator().toString()));
    }
    String where =
        c.source() != null
            ? "  (" + Safe.oneLine(c.source().file()) + ":" + c.source().line() + ")"
            : c.scenarioId() != null ? "  (id " + Safe.oneLine(c.scenarioId()) + ")" : "";
    return kind.symbol + " " + Safe.item(c.name()) + "  " + String.join(" · ", parts) + where;
  }

  static List<String> notes(Change c, PlanContext ctx) {
    List<String> out = new ArrayList<>();
    if (c.drift() != null && c.drift().creator() != null) {
      out.add(
          (Review.madeElsewhere(c, ctx) ? "WARNING: " : "")
              + (c.has(Action.VERSION) ? "remote" : "latest")
              + " version "
              + c.currentVersion()
              + " was made by "
              + Safe.item(c.drift().creator().toString())
              + " at "
              + c.drift().createdAt()
              + (Review.madeElsewhere(c, ctx)
                  ? "; applying replaces it (merging reverts that edit)"
                  : ""));
    }
    String tests = names(c);
    if (c.has(Action.RENAME)) {
      out.add(
          "rename from \""
              + Safe.item(c.renamedFrom())
              + "\": created with previous_id, then the old scenario is deleted");
      out.add(tests == null ? "no unit test to re-point" : "unit tests re-pointed to it: " + tests);
    }
    switch (Review.kind(c)) {
      case UPDATE -> {
        if (tests != null) {
          out.add("unit tests that will run v" + c.expectedVersion() + ": " + tests);
        }
      }
      case BLOCKED -> out.add("not deleted: used by unit tests " + tests);
      default -> {}
    }
    if (c.has(Action.FOREIGN)) {
      out.add(
          "owned by "
              + Safe.item(c.foreignOwner())
              + ": apply leaves it alone; plan and apply with --take-over to take it over");
    }
    return out;
  }

  /** The unit tests' names, quoted and escaped, at most {@link Review#MAX_TESTS_LISTED}. */
  static String names(Change c) {
    if (c.unitTests().isEmpty()) {
      return null;
    }
    String listed =
        Review.testNames(c).stream()
            .map(n -> "\"" + Safe.item(n) + "\"")
            .collect(Collectors.joining(", "));
    int more = Review.testsNotListed(c);
    return more == 0 ? listed : listed + " and " + more + " more";
  }

  static String oldLabel(Change c) {
    return c.currentVersion() == null ? "remote" : "remote (version " + c.currentVersion() + ")";
  }

  static String newLabel(Change c) {
    return c.source() == null ? "files" : Safe.oneLine(c.source().file());
  }

  static String ownershipKey(PlanContext ctx) {
    return ctx.ownership() == null ? null : ctx.ownership().key();
  }
}
