package dev.scenariosync.render;

import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.ResourceChange;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The plan for a person at a terminal: refusals first, the summary line, then each change of every
 * kind (a section per kind when there are several) with a headline that carries the review (kind of
 * change, versions, fields changed, unit tests), its notes and its diff; in colour (with changed
 * words highlighted) when asked. Remote text is shown through {@link Safe}.
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
      // the basis of a saved plan is the artifact's text: shown, never obeyed
      sb.append(Safe.oneLine(capitalized(targetLine(plan)))).append('\n');
    }
    var byKind = Review.byKind(plan);
    boolean titled = Review.titled(byKind);
    byKind.forEach(
        (kind, changes) -> {
          if (titled) {
            sb.append('\n').append(Review.title(kind)).append(":\n");
          }
          for (ResourceChange c : changes) {
            sb.append('\n').append(headline(c, ctx)).append('\n');
            for (String note : notes(c, ctx)) {
              sb.append("    ").append(note).append('\n');
            }
            List<String> diff = PlanDiff.lines(c, oldLabel(c), newLabel(c), ownershipKey(ctx));
            for (String line : colour ? PlanDiff.coloured(diff) : diff) {
              sb.append("    ").append(line).append('\n');
            }
          }
        });
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
    return plan.target().describe(plan.plannedInTarget());
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
  static String headline(ResourceChange c, PlanContext ctx) {
    Review.Kind kind = Review.kind(c);
    List<String> parts = new ArrayList<>();
    parts.add((kind.word + " " + Review.versions(c)).strip());
    Review.fields(c, ownershipKey(ctx)).forEach(f -> parts.add(Safe.item(f)));
    if (Review.testCount(c) != null) {
      parts.add(Review.testCount(c));
    }
    if (Review.madeElsewhere(c, ctx)) {
      parts.add("replaces an edit by " + Safe.item(Review.latest(c).creator().toString()));
    }
    SourceLocation source = c.source();
    String id = Review.id(c);
    String where =
        source != null
            ? "  (" + Safe.oneLine(source.file()) + ":" + source.line() + ")"
            : id != null ? "  (id " + Safe.oneLine(id) + ")" : "";
    return kind.symbol + " " + Safe.item(c.name()) + "  " + String.join(" · ", parts) + where;
  }

  static List<String> notes(ResourceChange c, PlanContext ctx) {
    List<String> out = new ArrayList<>();
    ResourceChange.Edit latest = Review.latest(c);
    if (latest != null && latest.creator() != null) {
      out.add(
          (Review.madeElsewhere(c, ctx) ? "WARNING: " : "")
              + (Review.newVersion(c) ? "remote" : "latest")
              + " version "
              + Review.currentVersion(c)
              + " was made by "
              + Safe.item(latest.creator().toString())
              + " at "
              + latest.createdAt()
              + (Review.madeElsewhere(c, ctx)
                  ? "; applying replaces it (merging reverts that edit)"
                  : ""));
    }
    String reached = names(c);
    if (c instanceof ResourceChange.Rename r) {
      String word = r.kind().word().replace('_', ' ');
      out.add(
          "rename from \""
              + Safe.item(r.renamedFrom())
              + "\": created with previous_id, then the old "
              + word
              + " is deleted");
      out.add(
          reached == null ? "no unit test to re-point" : "unit tests re-pointed to it: " + reached);
      out.add(
          "the old "
              + word
              + " \""
              + Safe.item(r.renamedFrom())
              + "\" (id "
              + Safe.oneLine(r.oldId())
              + (r.oldVersion() == null ? "" : ", version " + r.oldVersion())
              + ") is deleted last, after every other write succeeded");
    }
    if (c instanceof ResourceChange.Update u && u.expectedVersion() != null && reached != null) {
      out.add("unit tests that will run v" + u.expectedVersion() + ": " + reached);
    }
    if (c instanceof ResourceChange.Blocked b) {
      out.add("not deleted: used by " + Review.noun(b.blockers()) + " " + reached);
    }
    if (c instanceof ResourceChange.Foreign f) {
      out.add(
          "owned by "
              + Safe.item(f.owner())
              + ": apply leaves it alone; plan and apply with --take-over to take it over");
    }
    return out;
  }

  /** The reached resources' names, quoted and escaped, at most {@link Review#MAX_TESTS_LISTED}. */
  static String names(ResourceChange c) {
    if (Review.reached(c).isEmpty()) {
      return null;
    }
    String listed =
        Review.reachedNames(c).stream()
            .map(n -> "\"" + Safe.item(n) + "\"")
            .collect(Collectors.joining(", "));
    int more = Review.notListed(c);
    return more == 0 ? listed : listed + " and " + more + " more";
  }

  static String oldLabel(ResourceChange c) {
    Integer current = Review.currentVersion(c);
    return current == null ? "remote" : "remote (version " + current + ")";
  }

  static String newLabel(ResourceChange c) {
    SourceLocation source = c.source();
    return source == null ? "files" : Safe.oneLine(source.file());
  }

  static String ownershipKey(PlanContext ctx) {
    return ctx.ownership() == null ? null : ctx.ownership().key();
  }
}
