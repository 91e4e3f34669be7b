package dev.scenariosync.plan;

import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.SuiteRemote;
import dev.scenariosync.model.Tags;
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

  /**
   * Offline: the plan's scenario changes ({@link Plan#changes()}) against the scenario documents as
   * they are now. The verdict's plan is the saved one: applied only when every change it holds is
   * what the files say.
   */
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
    List<ResourceChange> changes;
    try {
      changes = scenarios(saved);
    } catch (IllegalArgumentException | NullPointerException e) {
      // a change's own rules (ResourceChange's constructors), broken by the file
      refused.add("changes: a change breaks its rules (" + e.getMessage() + ")");
      return new Verdict(stale, refused, guards, List.of(), saved);
    }
    Set<String> seen = new HashSet<>();
    for (ResourceChange c : changes) {
      if (!seen.add(c.name())
          || (c instanceof ResourceChange.Rename r && !seen.add(r.renamedFrom()))) {
        refused.add(c.name() + ": listed twice in the plan");
        continue;
      }
      if (c.removes()) {
        checkDelete(c, rec, byName, refused, stale);
        continue;
      }
      if (c instanceof ResourceChange.Rename r) {
        // the old name's delete, part of the rename: no file may declare it
        checkDeclared(r.renamedFrom(), rec, byName, refused, stale);
      }
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
      SourceLocation source = c.source();
      if (source == null) {
        refused.add(c.name() + ": file is missing (the files say " + fileNow + ")");
        continue;
      }
      if (!source.file().equals(fileNow)) {
        stale.add(
            c.name() + ": now declared in " + fileNow + " (the plan has " + source.file() + ")");
        continue;
      }
      if (!recorded.equals(hashNow.get(c.name()))) {
        stale.add(c.name() + ": its document in " + fileNow + " changed");
        continue;
      }
      checkAfter(c, d, rec, refused);
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
    return new Verdict(stale, refused, guards, notes, saved);
  }

  /**
   * Online: every id must be the live scenario of its name (a rename's old id that of its old
   * name), nothing created may have a name that was live when the plan was made ({@code plannedAt}:
   * the planner would have updated it; one taken since is apply's conflict), deletes (a rename's
   * too) must be of owned scenarios, and the delete guards of this apply must hold.
   */
  public static Verdict againstRemote(
      Verdict files,
      List<RemoteScenario> live,
      PlanOptions guards,
      boolean takeOver,
      java.time.Instant plannedAt) {
    Map<String, RemoteScenario> byName = new HashMap<>();
    Map<String, RemoteScenario> byId = new HashMap<>();
    for (RemoteScenario r : live) {
      byName.put(r.name(), r);
      byId.put(r.id(), r);
    }
    List<String> refused = new ArrayList<>(files.refused());
    for (ResourceChange c : scenarios(files.plan())) {
      if (c instanceof ResourceChange.Create || c instanceof ResourceChange.Rename) {
        RemoteScenario named = byName.get(c.name());
        if (named != null
            && named.createdAt() != null
            && plannedAt != null
            && !named.createdAt().isAfter(plannedAt)) {
          refused.add(
              c.name()
                  + ": actions: "
                  + c.action().word()
                  + ", but the live scenario "
                  + named.id()
                  + " had that name when the plan was made");
        }
      }
      if (c instanceof ResourceChange.Rename r) {
        checkIdentity(r.renamedFrom(), r.oldId(), true, byName, byId, guards, refused);
        continue;
      }
      String id = c.id();
      if (id == null) {
        continue;
      }
      if (!checkIdentity(c.name(), id, c.removes(), byName, byId, guards, refused)) {
        continue;
      }
      RemoteScenario named = byName.get(c.name());
      // Judged by the live tags, not by the entry's (untrusted) adopt: any update of a foreign
      // scenario takes it over.
      if (c instanceof ResourceChange.Update u
          && named != null
          && guards.ownership() != null
          && guards.ownership().foreign(Tags.normalized(named.tags()))
          && !takeOver) {
        refused.add(
            c.name()
                + ": actions: "
                + (u.adopt() ? "adopts" : "changes")
                + " a scenario owned by "
                + guards.ownership().key()
                + ": "
                + Tags.normalized(named.tags()).get(guards.ownership().key())
                + " in a plan made without --take-over");
      }
    }
    List<String> g = new ArrayList<>(files.guards());
    // the planner's guards, over the plan's scenario deletes (a rename's is not counted) and the
    // scenarios live now
    g.addAll(
        Planner.guards(
            scenarios(files.plan()).stream().filter(c -> c.removes()).toList(),
            new SuiteRemote(
                Map.of(ResourceKind.SCENARIO, live.stream().map(ScenarioFields::remote).toList())),
            guards));
    return new Verdict(files.stale(), refused, g, files.notes(), files.plan());
  }

  /**
   * Whether {@code id} is the live scenario named {@code name} (or none is live under either); a
   * refusal names the field otherwise, and a scenario to delete must be owned.
   */
  private static boolean checkIdentity(
      String name,
      String id,
      boolean delete,
      Map<String, RemoteScenario> byName,
      Map<String, RemoteScenario> byId,
      PlanOptions guards,
      List<String> refused) {
    RemoteScenario named = byName.get(name);
    RemoteScenario withId = byId.get(id);
    if (named != null && !named.id().equals(id)) {
      refused.add(name + ": scenario_id " + id + " is not the live scenario of that name");
      return false;
    }
    if (named == null && withId != null) {
      refused.add(
          name + ": scenario_id " + id + " is the live scenario named '" + withId.name() + "'");
      return false;
    }
    if (delete
        && named != null
        && guards.ownership() != null
        && !guards.ownership().owns(Tags.normalized(named.tags()))) {
      refused.add(name + ": tags: the remote scenario is not owned (" + guards.ownership() + ")");
      return false;
    }
    return true;
  }

  /** The plan's scenario changes (a saved plan: apply checks its other kinds by planning again). */
  private static List<ResourceChange> scenarios(Plan plan) {
    return plan.changes().stream().filter(c -> c.kind() == ResourceKind.SCENARIO).toList();
  }

  /** The remote tags a change replaces or deletes (none for a create or a rename). */
  private static Map<String, String> tagsBefore(ResourceChange c) {
    return Objects.requireNonNullElse(c.tagsBefore(), Map.of());
  }

  private static void checkDelete(
      ResourceChange c,
      Recorded rec,
      Map<String, DesiredScenario> byName,
      List<String> refused,
      List<String> stale) {
    if (!rec.prune()) {
      refused.add(c.name() + ": actions: a delete in a plan made without --prune");
    }
    if (rec.ownership() != null && !rec.ownership().owns(Tags.normalized(tagsBefore(c)))) {
      refused.add(c.name() + ": before.tags: not owned (" + rec.ownership() + "); never deleted");
    }
    checkDeclared(c.name(), rec, byName, refused, stale);
  }

  /** A scenario the plan deletes that a file declares now. */
  private static void checkDeclared(
      String name,
      Recorded rec,
      Map<String, DesiredScenario> byName,
      List<String> refused,
      List<String> stale) {
    DesiredScenario d = byName.get(name);
    if (d == null) {
      return;
    }
    if (rec.documents().containsKey(name)) {
      refused.add(name + ": actions: deleted, but " + d.source().file() + " declares it");
    } else {
      stale.add(name + ": now declared in " + d.source().file() + "; the plan deletes it");
    }
  }

  /**
   * The change's after-state against the file: each field of the scenario kind compared as the kind
   * compares it, and the tags (the file's, the ownership tag, a kept {@code previous_id}).
   */
  private static void checkAfter(
      ResourceChange c, DesiredScenario d, Recorded rec, List<String> refused) {
    String file = d.source().file();
    Map<String, Object> after = c.after();
    Map<String, String> tagsAfter = c.tagsAfter();
    String previousId = tagsBefore(c).get(Planner.PREVIOUS_ID);
    if (c instanceof ResourceChange.Update x && x.adopt() && !x.tagsChanged()) {
      refused.add(c.name() + ": actions: adopt without tags");
    } else if (c instanceof ResourceChange.Rename x) {
      previousId = x.oldId();
      if (!x.renamedFrom().equals(d.renamedFrom())) {
        refused.add(c.name() + ": renamed_from is not what " + file + " says");
      }
    }
    if (after == null) {
      return; // a foreign scenario the files ask nothing of: left alone
    }
    List<String> fields = new ArrayList<>();
    Map<String, Object> want = ScenarioFields.of(d.content());
    for (FieldSpec f : Kinds.SCENARIO.fields()) {
      if (!Objects.equals(after.get(f.name()), want.get(f.name()))) {
        fields.add("after." + f.name());
      }
    }
    Map<String, String> wantTags =
        new LinkedHashMap<>(
            keptFromBefore(
                tagsBefore(c),
                tagsAfter,
                withOwnership(d.tags(), rec.ownership()),
                rec.ignoreTagKeys()));
    if (previousId != null && !wantTags.containsKey(Planner.PREVIOUS_ID)) {
      wantTags.put(Planner.PREVIOUS_ID, previousId);
    }
    if (!Tags.normalized(tagsAfter).equals(Tags.normalized(wantTags))) {
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
      Map<String, String> tagsBefore,
      Map<String, String> tagsAfter,
      Map<String, String> fileTags,
      Set<String> ignored) {
    Map<String, String> out = new LinkedHashMap<>(Tags.normalized(fileTags));
    Map<String, String> before = Tags.normalized(tagsBefore);
    Tags.normalized(tagsAfter)
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
