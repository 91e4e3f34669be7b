package dev.scenariosync.plan;

import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.Tags;
import dev.scenariosync.model.VersionContent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a saved plan (untrusted: a CI artifact) before it is applied. The plan supplies only what
 * the reviewer saw (which scenarios, expected versions, the before-state, document hashes); the
 * files as they are now supply the content. A plan whose documents changed is stale; a plan that
 * disagrees with the files or the remote identities is refused whole, naming scenario and field.
 */
public final class SavedPlanCheck {
  private SavedPlanCheck() {}

  /** What the plan file records about how it was made. */
  public record Recorded(
      boolean prune,
      Ownership ownership,
      boolean takeOver,
      Map<String, String> documents,
      Set<String> ignoreTagKeys) {
    public Recorded {
      documents = Map.copyOf(documents);
      ignoreTagKeys = ignoreTagKeys == null ? Set.of() : Set.copyOf(ignoreTagKeys);
    }

    public Recorded(
        boolean prune, Ownership ownership, boolean takeOver, Map<String, String> documents) {
      this(prune, ownership, takeOver, documents, Set.of());
    }
  }

  /**
   * The outcome of a check.
   *
   * @param stale documents the plan relies on that changed since (apply: exit 4)
   * @param refused fields that disagree with the files or the remote (apply: exit 4)
   * @param guards delete guards and refusals recorded in the plan that forbid it (apply: exit 1)
   * @param notes what the plan does not cover, said but not refused
   * @param plan the plan to apply: the saved one with the content taken from the files
   */
  public record Verdict(
      List<String> stale,
      List<String> refused,
      List<String> guards,
      List<String> notes,
      Plan plan) {
    public Verdict {
      stale = List.copyOf(stale);
      refused = List.copyOf(refused);
      guards = List.copyOf(guards);
      notes = List.copyOf(notes);
    }

    public boolean ok() {
      return stale.isEmpty() && refused.isEmpty() && guards.isEmpty();
    }
  }

  /** Offline: the plan against the scenario documents as they are now. */
  public static Verdict againstFiles(Plan saved, Recorded rec, List<DesiredScenario> now) {
    Map<String, DesiredScenario> byName = new HashMap<>();
    Map<String, String> hashNow = new HashMap<>();
    for (DesiredScenario raw : now) {
      DesiredScenario d = raw.normalized();
      byName.put(d.name(), d);
      hashNow.put(d.name(), DocumentHash.of(raw));
    }
    List<String> stale = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    List<String> guards = new ArrayList<>();
    if (!saved.refusals().isEmpty()) {
      guards.add("the plan was refused when it was made: " + String.join("; ", saved.refusals()));
    }
    Set<String> seen = new HashSet<>();
    List<Change> applied = new ArrayList<>();
    // The old names of renames that a file still asks for: their deletes need no --prune.
    Set<String> renamedAway = new HashSet<>();
    for (Change c : saved.changes()) {
      DesiredScenario d = byName.get(c.name());
      if (c.has(Action.RENAME) && d != null && c.renamedFrom().equals(d.renamedFrom())) {
        renamedAway.add(c.renamedFrom());
      }
    }
    for (Change c : saved.changes()) {
      if (!seen.add(c.name())) {
        refused.add(c.name() + ": listed twice in the plan");
        continue;
      }
      boolean delete = c.has(Action.DELETE) || c.has(Action.BLOCKED);
      if (delete) {
        checkDelete(c, rec, byName, refused, stale, renamedAway.contains(c.name()));
        applied.add(c);
        continue;
      }
      checkShape(c, refused);
      String recorded = rec.documents().get(c.name());
      DesiredScenario d = byName.get(c.name());
      if (recorded == null) {
        refused.add(c.name() + ": documents has no hash for it");
        continue;
      }
      if (d == null) {
        stale.add(c.name() + ": no file declares it now");
        continue;
      }
      String fileNow = d.source().file();
      if (c.source() == null) {
        refused.add(c.name() + ": file is missing (the files say " + fileNow + ")");
        continue;
      }
      if (!c.source().file().equals(fileNow)) {
        stale.add(
            c.name()
                + ": now declared in "
                + fileNow
                + " (the plan has "
                + c.source().file()
                + ")");
        continue;
      }
      if (!recorded.equals(hashNow.get(c.name()))) {
        stale.add(c.name() + ": its document in " + fileNow + " changed");
        continue;
      }
      checkAfter(c, d, rec, refused, previousIdOf(c, saved.changes()));
      applied.add(
          new Change(
              c.name(),
              d.source(),
              c.scenarioId(),
              c.actions(),
              c.currentVersion(),
              c.expectedVersion(),
              c.remoteUpdatedAt(),
              c.before(),
              d.content(),
              c.tagsBefore(),
              withPreviousId(
                  keptFromBefore(c, withOwnership(d.tags(), rec.ownership()), rec.ignoreTagKeys()),
                  c),
              c.drift(),
              c.unitTests(),
              c.foreignOwner(),
              c.renamedFrom()));
    }
    if (rec.prune() && !byName.keySet().equals(rec.documents().keySet())) {
      Set<String> added = new TreeSet<>(byName.keySet());
      added.removeAll(rec.documents().keySet());
      Set<String> removed = new TreeSet<>(rec.documents().keySet());
      removed.removeAll(byName.keySet());
      stale.add(
          "the plan prunes, and the declared scenarios changed since"
              + (added.isEmpty() ? "" : " (now declared: " + String.join(", ", added) + ")")
              + (removed.isEmpty()
                  ? ""
                  : " (no longer declared: " + String.join(", ", removed) + ")"));
    }
    List<String> notes = new ArrayList<>();
    Set<String> other = new TreeSet<>(byName.keySet());
    other.addAll(rec.documents().keySet());
    other.removeAll(seen);
    int moved = 0;
    for (String n : other) {
      if (!Objects.equals(rec.documents().get(n), hashNow.get(n))) {
        moved++;
      }
    }
    if (moved > 0) {
      notes.add(
          moved
              + " scenario document"
              + (moved == 1 ? "" : "s")
              + " changed since the plan but "
              + (moved == 1 ? "is" : "are")
              + " not in it; they are left for the next plan");
    }
    Plan plan = new Plan(saved.organization(), applied, saved.unchanged(), saved.refusals());
    return new Verdict(stale, refused, guards, notes, plan);
  }

  /**
   * Online: every {@code scenario_id} must be the live scenario of that name, deletes must be of
   * owned scenarios, and the delete guards of this apply must hold.
   */
  public static Verdict againstRemote(
      Verdict files, List<RemoteScenario> live, PlanOptions guards, boolean takeOver) {
    Map<String, RemoteScenario> byName = new HashMap<>();
    Map<String, RemoteScenario> byId = new HashMap<>();
    for (RemoteScenario r : live) {
      byName.put(r.name(), r);
      byId.put(r.id(), r);
    }
    List<String> refused = new ArrayList<>(files.refused());
    List<Change> deletes = new ArrayList<>();
    Set<String> renamedAway = new HashSet<>();
    files.plan().changes().stream()
        .filter(c -> c.has(Action.RENAME))
        .forEach(c -> renamedAway.add(c.renamedFrom()));
    for (Change c : files.plan().changes()) {
      boolean delete = c.has(Action.DELETE) || c.has(Action.BLOCKED);
      if (delete && !renamedAway.contains(c.name())) {
        deletes.add(c); // a rename's delete is not counted by the delete guards
      }
      if (c.scenarioId() == null) {
        continue;
      }
      RemoteScenario named = byName.get(c.name());
      RemoteScenario withId = byId.get(c.scenarioId());
      if (named != null && !named.id().equals(c.scenarioId())) {
        refused.add(
            c.name()
                + ": scenario_id "
                + c.scenarioId()
                + " is not the live scenario of that name");
      } else if (named == null && withId != null) {
        refused.add(
            c.name()
                + ": scenario_id "
                + c.scenarioId()
                + " is the live scenario named '"
                + withId.name()
                + "'");
      } else if (c.has(Action.ADOPT)
          && named != null
          && guards.ownership() != null
          && guards.ownership().foreign(Tags.normalized(named.tags()))
          && !takeOver) {
        refused.add(
            c.name()
                + ": actions: adopts a scenario owned by "
                + guards.ownership().key()
                + ": "
                + Tags.normalized(named.tags()).get(guards.ownership().key())
                + " in a plan made without --take-over");
      } else if (delete
          && named != null
          && guards.ownership() != null
          && !guards.ownership().owns(Tags.normalized(named.tags()))) {
        refused.add(
            c.name() + ": tags: the remote scenario is not owned (" + guards.ownership() + ")");
      }
    }
    List<String> g = new ArrayList<>(files.guards());
    g.addAll(Planner.guards(deletes, live, guards));
    return new Verdict(files.stale(), refused, g, files.notes(), files.plan());
  }

  /**
   * The {@code previous_id} the change may carry beside the file's tags: for a rename, the id of
   * the plan's delete of the old name; otherwise the one the scenario had (its before-tags, which
   * apply checks against the remote). Null when it may carry none.
   */
  private static String previousIdOf(Change c, List<Change> all) {
    if (c.has(Action.RENAME)) {
      for (Change x : all) {
        if (x.has(Action.DELETE) && x.name().equals(c.renamedFrom())) {
          return x.scenarioId();
        }
      }
      return null;
    }
    return c.tagsBefore() == null ? null : c.tagsBefore().get(Planner.PREVIOUS_ID);
  }

  /** The file's tags, with the change's {@code previous_id} when the file sets none. */
  private static Map<String, String> withPreviousId(Map<String, String> tags, Change c) {
    if (tags.containsKey(Planner.PREVIOUS_ID)
        || c.tagsAfter() == null
        || !c.tagsAfter().containsKey(Planner.PREVIOUS_ID)) {
      return tags;
    }
    Map<String, String> out = new LinkedHashMap<>(tags);
    out.put(Planner.PREVIOUS_ID, c.tagsAfter().get(Planner.PREVIOUS_ID));
    return out;
  }

  private static void checkDelete(
      Change c,
      Recorded rec,
      Map<String, DesiredScenario> byName,
      List<String> refused,
      List<String> stale,
      boolean renamed) {
    if (!rec.prune() && !renamed) {
      refused.add(c.name() + ": actions: a delete in a plan made without --prune");
    }
    if (c.actions().size() != 1) {
      refused.add(c.name() + ": actions: a delete has no other action");
    }
    if (c.scenarioId() == null) {
      refused.add(c.name() + ": scenario_id is missing");
    }
    if (c.source() != null || c.after() != null || c.tagsAfter() != null) {
      refused.add(c.name() + ": after: a delete has no file and no after-state");
    }
    if (rec.ownership() != null
        && (c.tagsBefore() == null || !rec.ownership().owns(Tags.normalized(c.tagsBefore())))) {
      refused.add(c.name() + ": before.tags: not owned (" + rec.ownership() + "); never deleted");
    }
    DesiredScenario d = byName.get(c.name());
    if (d != null) {
      if (rec.documents().containsKey(c.name())) {
        refused.add(c.name() + ": actions: deleted, but " + d.source().file() + " declares it");
      } else {
        stale.add(c.name() + ": now declared in " + d.source().file() + "; the plan deletes it");
      }
    }
  }

  private static void checkShape(Change c, List<String> refused) {
    if (c.has(Action.CREATE)) {
      if (c.actions().size() != 1 && !c.has(Action.RENAME)) {
        refused.add(c.name() + ": actions: a create has no other action");
      }
      if (c.scenarioId() != null) {
        refused.add(c.name() + ": scenario_id: a create has none");
      }
      return;
    }
    if (c.scenarioId() == null) {
      refused.add(c.name() + ": scenario_id is missing");
    }
    if (c.has(Action.VERSION)
        && (c.currentVersion() == null
            || c.expectedVersion() == null
            || c.expectedVersion() != c.currentVersion() + 1)) {
      refused.add(c.name() + ": expected_version is not current_version + 1");
    }
    if (c.has(Action.ADOPT) && !c.has(Action.TAGS)) {
      refused.add(c.name() + ": actions: adopt without tags");
    }
    if (c.has(Action.TAGS) && c.tagsBefore() == null) {
      refused.add(c.name() + ": before.tags is missing");
    }
  }

  private static void checkAfter(
      Change c, DesiredScenario d, Recorded rec, List<String> refused, String previousId) {
    Ownership ownership = rec.ownership();
    if (c.has(Action.RENAME) && !c.renamedFrom().equals(d.renamedFrom())) {
      refused.add(c.name() + ": renamed_from is not what " + d.source().file() + " says");
    }
    String file = d.source().file();
    VersionContent want = d.content();
    VersionContent got = c.after() == null ? null : c.after().normalized();
    if (got == null) {
      refused.add(c.name() + ": after is missing (" + file + " declares it)");
      return;
    }
    List<String> fields = new ArrayList<>();
    if (!got.objective().equals(want.objective())) {
      fields.add("after.objective");
    }
    if (!got.instructions().equals(want.instructions())) {
      fields.add("after.instructions");
    }
    if (!got.initialMessageType().equals(want.initialMessageType())) {
      fields.add("after.initial_message_type");
    }
    if (!Objects.equals(got.conversationStartsAt(), want.conversationStartsAt())) {
      fields.add("after.conversation_starts_at");
    }
    Map<String, String> wantTags =
        new LinkedHashMap<>(
            keptFromBefore(c, withOwnership(d.tags(), ownership), rec.ignoreTagKeys()));
    if (previousId != null && !wantTags.containsKey(Planner.PREVIOUS_ID)) {
      wantTags.put(Planner.PREVIOUS_ID, previousId);
    }
    if (!Tags.normalized(c.tagsAfter()).equals(Tags.normalized(wantTags))) {
      fields.add("after.tags");
    }
    for (String f : fields) {
      refused.add(c.name() + ": " + f + " is not what " + file + " says");
    }
  }

  /**
   * The file's tags plus the after-state's tags of ignored keys (the operator's {@code
   * ignore_tag_keys}, not the plan's) that keep the before-state's value exactly: never anything
   * new.
   */
  private static Map<String, String> keptFromBefore(
      Change c, Map<String, String> fileTags, Set<String> ignored) {
    Map<String, String> out = new LinkedHashMap<>(Tags.normalized(fileTags));
    Map<String, String> before = Tags.normalized(c.tagsBefore());
    Tags.normalized(c.tagsAfter())
        .forEach(
            (k, v) -> {
              if (ignored.contains(k)
                  && !out.containsKey(k)
                  && before.containsKey(k)
                  && Objects.equals(before.get(k), v)) {
                out.put(k, v);
              }
            });
    return out;
  }

  static Map<String, String> withOwnership(Map<String, String> tags, Ownership ownership) {
    Map<String, String> out = new LinkedHashMap<>(tags);
    if (ownership != null) {
      out.put(ownership.key(), ownership.value());
    }
    return out;
  }
}
