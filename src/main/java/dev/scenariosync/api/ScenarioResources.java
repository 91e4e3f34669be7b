package dev.scenariosync.api;

import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.ResourceKind;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scenario kind served as a {@link ResourceApi} through the scenario methods of a {@link
 * ScenarioApi} (their wire code and fault handling: lost answers read back, expected versions), its
 * content converted by {@link ScenarioFields}.
 */
final class ScenarioResources {
  private final ScenarioApi api;

  ScenarioResources(ScenarioApi api) {
    this.api = api;
  }

  static boolean serves(dev.scenariosync.kinds.KindSpec kind) {
    return kind.kind() == ResourceKind.SCENARIO;
  }

  /** A scenario from a list or search, with its latest version's fields when that was read. */
  static RemoteResource resource(RemoteScenario s) {
    RemoteResource r =
        new RemoteResource(
            ResourceKind.SCENARIO, s.id(), s.name(), s.tags(), Map.of(), s.updatedAt(), null, null);
    return s.latest() == null ? r : with(r, s.latest(), s.updatedAt());
  }

  private static RemoteResource with(RemoteResource r, RemoteVersion v, java.time.Instant at) {
    Map<String, Object> fields = new LinkedHashMap<>(r.fields());
    fields.putAll(ScenarioFields.of(v.content()));
    return new RemoteResource(
        ResourceKind.SCENARIO, r.id(), r.name(), r.tags(), fields, at, v.number(), v.creator());
  }

  List<RemoteResource> listAll() {
    return api.list(ScenarioApi.ListFilter.live()).stream()
        .map(ScenarioResources::resource)
        .toList();
  }

  /** A deleted scenario is absent, as a deleted resource of the other kinds is. */
  Optional<RemoteResource> get(String id) {
    return api.get(id).filter(s -> !s.deleted()).map(ScenarioResources::resource);
  }

  RemoteResource withLatestVersion(RemoteResource r) {
    return api.latestVersion(r.id()).map(v -> with(r, v, r.updatedAt())).orElse(r);
  }

  String create(String name, Map<String, String> tags, Map<String, Object> fields) {
    return api.create(name, tags, ScenarioFields.content(fields));
  }

  /** A scenario has no field changed in place: only its tags are. */
  void update(String id, Collection<String> fieldNames, Map<String, String> tags) {
    if (!fieldNames.isEmpty()) {
      throw new IllegalArgumentException(
          "a scenario's " + fieldNames + " change by a new version, not by an update");
    }
    if (tags != null) {
      api.updateTags(id, tags);
    }
  }

  int createVersion(String id, Map<String, Object> fields, int expected) {
    return api.createVersion(id, ScenarioFields.content(fields), expected);
  }

  /** Each version as the scenario with its fields, its {@code created_at} as {@code updatedAt}. */
  List<RemoteResource> versions(RemoteResource r, String range) {
    return api.versions(r.id(), range).stream().map(v -> with(r, v, v.createdAt())).toList();
  }

  void delete(String id) {
    api.delete(id);
  }
}
