package dev.scenariosync.plan;

import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteState;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.SuiteRemote;
import dev.scenariosync.model.Tags;
import dev.scenariosync.model.UserRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where the files and the remote disagree, and which side moved, for every kind read: a pure
 * function over the same inputs as a full plan. For a versioned kind (scenarios, personas) a remote
 * latest version made by another user than this tool's is a remote edit, with who and when; for the
 * others (unit tests, sets), and for a tag edit, the remote's last update ({@code updated_by},
 * {@code updated_at}) decides the same way. One made by this tool's user, or a resource not created
 * yet, is a file edit not applied yet.
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
   * One declared resource that differs.
   *
   * @param what the differing parts: "content", "tags", "missing" (not created), "ownership"
   * @param version the remote latest version number (a versioned kind; null when missing)
   * @param by who made the remote change (for {@link Side#REMOTE}), else null
   * @param at when the remote change was made, else null
   */
  public record Entry(
      ResourceKind kind,
      String name,
      SourceLocation source,
      Side side,
      List<String> what,
      Integer version,
      UserRef by,
      Instant at) {
    public Entry {
      Objects.requireNonNull(kind, "kind");
      what = List.copyOf(what);
    }
  }

  /** A remote resource by its kind and name (an orphan or an unmanaged one). */
  public record Named(ResourceKind kind, String name) {
    /** The name alone for a scenario, else "persona 'name'", as a plan's outside section says. */
    public String label() {
      return kind == ResourceKind.SCENARIO ? name : kind.word() + " '" + name + "'";
    }
  }

  /**
   * The whole report: differing resources, orphans and unmanaged resources of the kinds read, and
   * the reference errors that stopped it (then nothing else is filled).
   */
  public record Report(
      String organization,
      List<ResourceKind> kinds,
      List<Entry> entries,
      int inSync,
      List<Named> orphans,
      List<Named> unmanaged,
      List<Diagnostic> errors) {
    public Report {
      kinds = List.copyOf(kinds);
      entries = List.copyOf(entries);
      orphans = List.copyOf(orphans);
      unmanaged = List.copyOf(unmanaged);
      errors = List.copyOf(errors);
    }

    /** Drift: a managed resource differs, or an owned one no file declares. */
    public boolean hasDrift() {
      return !entries.isEmpty() || !orphans.isEmpty();
    }

    public long count(Side side) {
      return entries.stream().filter(e -> e.side() == side).count();
    }

    /** The entries of one kind. */
    public List<Entry> of(ResourceKind kind) {
      return entries.stream().filter(e -> e.kind() == kind).toList();
    }
  }

  /**
   * The report for scenario files alone against the remote scenarios (with the latest version of
   * every declared one), made by the tool signed in as {@code ourUserId}.
   */
  public static Report of(
      String organization,
      List<DesiredScenario> desired,
      RemoteState remote,
      PlanOptions options,
      String ourUserId) {
    return of(organization, desired, remote, List.of(), SuiteRemote.empty(), options, ourUserId);
  }

  /**
   * The report for every kind: the scenarios as {@link #of(String, List, RemoteState, PlanOptions,
   * String)} takes them, and the other kinds' declared resources against {@code others} (the kinds
   * it holds were read: every live one, with the latest version of the declared personas).
   */
  public static Report of(
      String organization,
      List<DesiredScenario> scenarios,
      RemoteState scenarioRemote,
      List<Resource> resources,
      SuiteRemote others,
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
    List<Resource> desired = new ArrayList<>();
    scenarios.forEach(s -> desired.add(ScenarioFields.resource(s)));
    desired.addAll(resources);
    Map<ResourceKind, List<RemoteResource>> live = new EnumMap<>(ResourceKind.class);
    live.putAll(others.live());
    live.put(
        ResourceKind.SCENARIO, scenarioRemote.live().stream().map(ScenarioFields::remote).toList());
    SuiteRemote remote = new SuiteRemote(live);
    List<ResourceKind> kinds = List.copyOf(new java.util.TreeSet<>(live.keySet()));
    Planner.Result result =
        Planner.plan(organization, desired, remote, scenarioRemote.unitTests(), noPrune, null);
    if (!result.errors().isEmpty()) {
      return new Report(organization, kinds, List.of(), 0, List.of(), List.of(), result.errors());
    }
    Plan plan = result.plan();
    Map<ResourceKind, Map<String, RemoteResource>> byName = new EnumMap<>(ResourceKind.class);
    live.forEach(
        (k, list) -> {
          Map<String, RemoteResource> m = new HashMap<>();
          list.forEach(r -> m.put(r.name(), r));
          byName.put(k, m);
        });
    Set<String> renamedAway = new HashSet<>();
    List<Entry> entries = new ArrayList<>();
    for (ResourceChange c : plan.changes()) {
      RemoteResource r = byName.getOrDefault(c.kind(), Map.of()).get(c.name());
      if (c instanceof ResourceChange.Rename x) {
        renamedAway.add(x.oldId());
      }
      if (c instanceof ResourceChange.Create || c instanceof ResourceChange.Rename) {
        entries.add(
            new Entry(
                c.kind(), c.name(), c.source(), Side.FILE, List.of("missing"), null, null, null));
      } else if (c instanceof ResourceChange.Foreign) {
        entries.add(
            new Entry(
                c.kind(),
                c.name(),
                c.source(),
                Side.FOREIGN,
                List.of("ownership"),
                r == null ? null : r.version(),
                null,
                null));
      } else if (c instanceof ResourceChange.Update u) {
        entries.add(entry(u, r, ourUserId));
      }
    }
    entries.sort(
        Comparator.comparingInt((Entry e) -> Kinds.of(e.kind()).rank())
            .thenComparing(Entry::kind)
            .thenComparing(Entry::name));
    Map<ResourceKind, Set<String>> declared = new EnumMap<>(ResourceKind.class);
    desired.forEach(d -> declared.computeIfAbsent(d.kind(), k -> new HashSet<>()).add(d.name()));
    List<Named> orphans = new ArrayList<>();
    List<Named> unmanaged = new ArrayList<>();
    for (ResourceKind k : kinds) {
      List<Named> kindOrphans = new ArrayList<>();
      List<Named> kindUnmanaged = new ArrayList<>();
      for (RemoteResource r : remote.of(k)) {
        if (declared.getOrDefault(k, Set.of()).contains(r.name()) || renamedAway.contains(r.id())) {
          continue;
        }
        boolean owned =
            options.ownership() == null || options.ownership().owns(Tags.normalized(r.tags()));
        (owned ? kindOrphans : kindUnmanaged).add(new Named(k, r.name()));
      }
      kindOrphans.sort(Comparator.comparing(Named::name));
      kindUnmanaged.sort(Comparator.comparing(Named::name));
      orphans.addAll(kindOrphans);
      unmanaged.addAll(kindUnmanaged);
    }
    return new Report(
        organization,
        kinds,
        entries,
        plan.unchanged() + plan.resourcesUnchanged(),
        orphans,
        unmanaged,
        List.of());
  }

  /**
   * An update the plan would make: a remote edit when someone else made the remote's latest version
   * (a new version of a versioned kind) or its last update (any other change), else a file not
   * applied yet.
   */
  private static Entry entry(ResourceChange.Update u, RemoteResource r, String ourUserId) {
    boolean version = u.expectedVersion() != null;
    boolean content = u.changed().stream().anyMatch(f -> !f.equals("tags"));
    List<String> what = new ArrayList<>();
    if (content) {
      what.add("content");
    }
    if (u.tagsChanged()) {
      what.add(u.adopt() ? "ownership" : "tags");
    }
    UserRef by;
    Instant at;
    if (version && r.versionCreator() != null) {
      by = r.versionCreator();
      at = r.versionCreatedAt();
    } else {
      by = r.updatedBy();
      at = r.updatedAt();
    }
    boolean ours = by != null && Objects.equals(ourUserId, by.userId());
    boolean remoteMoved = !ours && by != null && !u.adopt();
    return new Entry(
        u.kind(),
        u.name(),
        u.source(),
        remoteMoved ? Side.REMOTE : Side.FILE,
        what,
        u.currentVersion(),
        remoteMoved ? by : null,
        remoteMoved ? at : null);
  }
}
