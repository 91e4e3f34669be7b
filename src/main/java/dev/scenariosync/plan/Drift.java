package dev.scenariosync.plan;

import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteState;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.Tags;
import dev.scenariosync.model.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where the files and the remote disagree, and which side moved: a pure function over the same
 * inputs as a full plan. A remote latest version (or a tag edit) made by another user than this
 * tool's is a remote edit, with who and when; one made by this tool's user, or a scenario not
 * created yet, is a file edit not applied yet.
 */
public final class Drift {
  private Drift() {}

  /** Which side moved. */
  public enum Side {
    /** Someone else edited the remote since the last apply by this tool. */
    REMOTE("edited remotely"),
    /** The file changed and was not applied yet (or was never applied). */
    FILE("file not applied"),
    /** Declared here but owned by another owner: left alone. */
    FOREIGN("owned by another owner");

    private final String word;

    Side(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  /**
   * One scenario that differs.
   *
   * @param what the differing parts: "content", "tags", "missing" (not created), "ownership"
   * @param version the remote latest version number (null when missing)
   * @param by who made the remote change (for {@link Side#REMOTE}), else null
   * @param at when the remote change was made, else null
   */
  public record Entry(
      String name,
      SourceLocation source,
      Side side,
      List<String> what,
      Integer version,
      UserRef by,
      Instant at) {
    public Entry {
      what = List.copyOf(what);
    }
  }

  /** The whole report: differing scenarios, orphans, unmanaged scenarios. */
  public record Report(
      String organization,
      List<Entry> entries,
      int inSync,
      List<String> orphans,
      List<String> unmanaged) {
    public Report {
      entries = List.copyOf(entries);
      orphans = List.copyOf(orphans);
      unmanaged = List.copyOf(unmanaged);
    }

    /** Drift: a managed scenario differs, or an owned one no file declares. */
    public boolean hasDrift() {
      return !entries.isEmpty() || !orphans.isEmpty();
    }

    public long count(Side side) {
      return entries.stream().filter(e -> e.side() == side).count();
    }
  }

  /**
   * The report for the files against the remote (with the latest version of every declared
   * scenario), made by the tool signed in as {@code ourUserId}.
   */
  public static Report of(
      String organization,
      List<DesiredScenario> desired,
      RemoteState remote,
      PlanOptions options,
      String ourUserId) {
    PlanOptions noPrune =
        new PlanOptions(
            options.ownership(),
            false,
            options.maxDeletes(),
            options.allowDeleteAll(),
            false,
            options.ignoreTagKeys());
    Plan plan = Planner.scenarios(organization, desired, remote, noPrune, null);
    Map<String, RemoteScenario> byName = new HashMap<>();
    remote.live().forEach(r -> byName.put(r.name(), r));
    List<Entry> entries = new ArrayList<>();
    for (ResourceChange c : plan.changes()) {
      if (c.kind() != ResourceKind.SCENARIO) {
        continue;
      }
      RemoteScenario r = byName.get(c.name());
      if (c instanceof ResourceChange.Create x) {
        entries.add(
            new Entry(c.name(), x.source(), Side.FILE, List.of("missing"), null, null, null));
      } else if (c instanceof ResourceChange.Rename x) {
        entries.add(
            new Entry(c.name(), x.source(), Side.FILE, List.of("missing"), null, null, null));
      } else if (c instanceof ResourceChange.Foreign x) {
        entries.add(
            new Entry(
                c.name(),
                x.source(),
                Side.FOREIGN,
                List.of("ownership"),
                r == null || r.latest() == null ? null : r.latest().number(),
                null,
                null));
      } else if (c instanceof ResourceChange.Update u) {
        entries.add(entry(u, r, ourUserId));
      }
    }
    entries.sort(Comparator.comparing(Entry::name));
    Set<String> declared = new HashSet<>();
    desired.forEach(d -> declared.add(d.key()));
    List<String> unmanaged = new ArrayList<>();
    for (RemoteScenario r : remote.live()) {
      if (!declared.contains(r.name())
          && options.ownership() != null
          && !options.ownership().owns(Tags.normalized(r.tags()))) {
        unmanaged.add(r.name());
      }
    }
    unmanaged.sort(Comparator.naturalOrder());
    return new Report(organization, entries, plan.unchanged(), plan.outside().orphans(), unmanaged);
  }

  /**
   * An update the plan would make: a remote edit when someone else made the remote's latest version
   * (a new version) or its last edit (tags), else a file not applied yet.
   */
  private static Entry entry(ResourceChange.Update u, RemoteScenario r, String ourUserId) {
    boolean version = u.expectedVersion() != null;
    List<String> what = new ArrayList<>();
    if (version) {
      what.add("content");
    }
    if (u.tagsChanged()) {
      what.add(u.adopt() ? "ownership" : "tags");
    }
    UserRef by;
    Instant at;
    if (version && r.latest() != null) {
      by = r.latest().creator();
      at = r.latest().createdAt();
    } else {
      by = r.updatedBy();
      at = r.updatedAt();
    }
    boolean ours = by != null && Objects.equals(ourUserId, by.userId());
    boolean remoteMoved = !ours && by != null && !u.adopt();
    return new Entry(
        u.name(),
        u.source(),
        remoteMoved ? Side.REMOTE : Side.FILE,
        what,
        u.currentVersion(),
        remoteMoved ? by : null,
        remoteMoved ? at : null);
  }
}
