package dev.scenariosync.plan.file;

import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Tags;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.Action;
import dev.scenariosync.plan.Planner;
import dev.scenariosync.plan.ResourceChange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A saved plan's scenario entries as changes of the scenario kind. A rename is written as two
 * entries (the new one, and the old one's delete) so that format 1 readers understand it; here it
 * is one {@link ResourceChange.Rename}. An entry that breaks its shape's rules is refused by its
 * place ({@code changes[3]}).
 */
final class ScenarioEntries {
  private ScenarioEntries() {}

  static List<ResourceChange> of(List<ScenarioEntry> changes) {
    Map<String, ScenarioEntry> renameDeletes = new HashMap<>();
    for (int i = 0; i < changes.size(); i++) {
      ScenarioEntry c = changes.get(i);
      // A delete is guarded by the state it was planned against: without it nothing is compared.
      if (c.has(Action.DELETE) && c.remoteUpdatedAt() == null && c.currentVersion() == null) {
        throw new PlanJson.Unreadable(
            "saved plan field 'changes["
                + i
                + "]': a delete records the remote state it deletes (remote_updated_at or"
                + " current_version)");
      }
      if (c.has(Action.RENAME)) {
        // The old name is deleted only through its own entry, as format 1 readers do: a rename
        // without it, or with one of another scenario than its previous_id, is not applied.
        ScenarioEntry d =
            changes.stream()
                .filter(x -> x.has(Action.DELETE) && x.name().equals(c.renamedFrom()))
                .findFirst()
                .orElse(null);
        String previous = c.tagsAfter() == null ? null : c.tagsAfter().get(Planner.PREVIOUS_ID);
        if (d == null || !d.scenarioId().equals(previous)) {
          throw new PlanJson.Unreadable(
              "saved plan field 'changes["
                  + i
                  + "]': a rename from '"
                  + c.renamedFrom()
                  + "' has the delete entry of that name, with its previous_id as scenario_id");
        }
        renameDeletes.put(d.name(), d);
      }
    }
    List<ResourceChange> out = new ArrayList<>();
    for (int i = 0; i < changes.size(); i++) {
      ScenarioEntry c = changes.get(i);
      if (c.has(Action.DELETE) && renameDeletes.get(c.name()) == c) {
        continue;
      }
      try {
        out.add(one(c, renameDeletes));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new PlanJson.Unreadable("saved plan field 'changes[" + i + "]': " + e.getMessage());
      }
    }
    return out;
  }

  private static ResourceChange one(ScenarioEntry c, Map<String, ScenarioEntry> renameDeletes) {
    ResourceKind kind = ResourceKind.SCENARIO;
    if (c.has(Action.FOREIGN)) {
      List<String> changed = changed(c);
      return new ResourceChange.Foreign(
          kind,
          c.name(),
          c.source(),
          c.scenarioId(),
          c.foreignOwner(),
          // a foreign one's tags are another owner's: changing them (with --take-over) adopts it
          changed.isEmpty() ? null : update(c, changed, changed.contains("tags")));
    }
    if (c.has(Action.RENAME)) {
      ScenarioEntry old = renameDeletes.get(c.renamedFrom());
      Map<String, String> repointed = new LinkedHashMap<>();
      c.unitTests().forEach(t -> repointed.put(t.id(), t.name()));
      return new ResourceChange.Rename(
          kind,
          c.name(),
          c.source(),
          c.renamedFrom(),
          c.tagsAfter().get(Planner.PREVIOUS_ID),
          old == null ? null : old.remoteUpdatedAt(),
          old == null ? null : old.currentVersion(),
          ScenarioFields.of(c.after()),
          c.tagsAfter(),
          Map.of(),
          repointed);
    }
    if (c.has(Action.CREATE)) {
      return new ResourceChange.Create(
          kind, c.name(), c.source(), ScenarioFields.of(c.after()), c.tagsAfter(), Map.of());
    }
    if (c.has(Action.DELETE)) {
      return new ResourceChange.Delete(
          kind,
          c.name(),
          c.scenarioId(),
          fields(c.before()),
          c.tagsBefore() == null ? Map.of() : c.tagsBefore(),
          c.remoteUpdatedAt(),
          c.currentVersion(),
          edit(c));
    }
    if (c.has(Action.BLOCKED)) {
      return new ResourceChange.Blocked(
          kind,
          c.name(),
          c.scenarioId(),
          c.unitTests().stream()
              .map(t -> new Ref(ResourceKind.UNIT_TEST, t.name(), t.id()))
              .toList(),
          new ResourceChange.Delete(
              kind,
              c.name(),
              c.scenarioId(),
              fields(c.before()),
              c.tagsBefore() == null ? Map.of() : c.tagsBefore(),
              c.remoteUpdatedAt(),
              c.currentVersion(),
              edit(c)));
    }
    return update(c, changed(c));
  }

  private static ResourceChange.Update update(ScenarioEntry c, List<String> changed) {
    return update(c, changed, c.has(Action.ADOPT));
  }

  private static ResourceChange.Update update(
      ScenarioEntry c, List<String> changed, boolean adopt) {
    return new ResourceChange.Update(
        ResourceKind.SCENARIO,
        c.name(),
        c.source(),
        c.scenarioId(),
        c.remoteUpdatedAt(),
        c.expectedVersion(),
        fields(c.before()),
        ScenarioFields.of(c.after()),
        c.tagsBefore() == null ? Map.of() : c.tagsBefore(),
        c.tagsAfter(),
        changed,
        Map.of(),
        adopt,
        c.currentVersion(),
        edit(c),
        c.has(Action.VERSION) ? c.unitTests() : List.<UnitTestRef>of());
  }

  /** The fields that differ, and {@code tags} when the tags do. */
  private static List<String> changed(ScenarioEntry c) {
    List<String> out = new ArrayList<>();
    Map<String, Object> before = fields(c.before());
    Map<String, Object> after = c.after() == null ? Map.of() : ScenarioFields.of(c.after());
    for (String f : after.keySet()) {
      if (!before.containsKey(f) || !Objects.equals(before.get(f), after.get(f))) {
        out.add(f);
      }
    }
    if (c.tagsAfter() != null
        && !Tags.normalized(c.tagsBefore() == null ? Map.of() : c.tagsBefore())
            .equals(Tags.normalized(c.tagsAfter()))) {
      out.add("tags");
    }
    return out;
  }

  private static Map<String, Object> fields(VersionContent v) {
    return v == null ? Map.of() : ScenarioFields.of(v);
  }

  private static ResourceChange.Edit edit(ScenarioEntry c) {
    return c.drift() == null
        ? null
        : new ResourceChange.Edit(c.drift().creator(), c.drift().createdAt());
  }
}
