package dev.scenariosync.plan;

import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Which unit test sets to run after changes: those holding a unit test that references a changed
 * scenario or persona. A unit test's references and a set's members are read from the files where a
 * file declares them, else from the remote.
 */
public final class TestSelection {
  private TestSelection() {}

  /** A scenario or persona that a change created, versioned or renamed, with the version made. */
  public record Changed(ResourceKind kind, String name, int version) {
    public Changed {
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(name, "name");
      if (kind != ResourceKind.SCENARIO && kind != ResourceKind.PERSONA) {
        throw new IllegalArgumentException("only scenarios and personas are run by unit tests");
      }
    }
  }

  /** A set to run and the unit tests in it that use a changed scenario or persona (by name). */
  public record Selected(String name, String id, List<String> because) {
    public Selected {
      Objects.requireNonNull(id, "id");
      because = List.copyOf(because);
    }
  }

  /** What is known of the remote: live scenario and persona ids by name, unit tests and sets. */
  public record Remote(
      Map<String, String> scenarios,
      Map<String, String> personas,
      List<RemoteResource> unitTests,
      List<RemoteResource> sets) {
    public Remote {
      scenarios = Map.copyOf(scenarios);
      personas = Map.copyOf(personas);
      unitTests = List.copyOf(unitTests);
      sets = List.copyOf(sets);
    }
  }

  /** The remote sets that hold a unit test using one of {@code changed}, in the remote's order. */
  public static List<Selected> affected(
      List<Changed> changed, List<Resource> files, Remote remote) {
    Set<String> changedIds = new LinkedHashSet<>();
    for (Changed c : changed) {
      String id =
          (c.kind() == ResourceKind.SCENARIO ? remote.scenarios() : remote.personas())
              .get(c.name());
      if (id != null) {
        changedIds.add(id);
      }
    }
    Map<String, Resource> declaredTests = declared(files, ResourceKind.UNIT_TEST);
    Map<String, Resource> declaredSets = declared(files, ResourceKind.UNIT_TEST_SET);
    Map<String, String> testIdByName = new HashMap<>();
    Map<String, String> testNameById = new HashMap<>();
    Set<String> affectedTests = new LinkedHashSet<>();
    for (RemoteResource t : remote.unitTests()) {
      testIdByName.put(t.name(), t.id());
      testNameById.put(t.id(), t.name());
      Map<String, Object> fields =
          declaredTests.containsKey(t.name()) ? declaredTests.get(t.name()).fields() : t.fields();
      String scenario = id(fields.get("scenario"), remote.scenarios());
      String persona = id(fields.get("persona"), remote.personas());
      if (changedIds.contains(scenario) || changedIds.contains(persona)) {
        affectedTests.add(t.id());
      }
    }
    List<Selected> out = new ArrayList<>();
    for (RemoteResource set : remote.sets()) {
      Object members =
          declaredSets.containsKey(set.name())
              ? declaredSets.get(set.name()).fields().get("unit_tests")
              : set.fields().get("unit_tests");
      List<String> because = new ArrayList<>();
      if (members instanceof List<?> runs) {
        for (Object run : runs) {
          if (run instanceof Map<?, ?> m && m.get("unit_test") instanceof Ref ref) {
            String id = ref.id() != null ? ref.id() : testIdByName.get(ref.name());
            if (id != null
                && affectedTests.contains(id)
                && !because.contains(testNameById.get(id))) {
              because.add(testNameById.get(id));
            }
          }
        }
      }
      if (!because.isEmpty()) {
        out.add(new Selected(set.name(), set.id(), because));
      }
    }
    return out;
  }

  private static Map<String, Resource> declared(List<Resource> files, ResourceKind kind) {
    Map<String, Resource> out = new HashMap<>();
    for (Resource r : files) {
      if (r.kind() == kind) {
        out.put(r.name(), r);
      }
    }
    return out;
  }

  private static String id(Object ref, Map<String, String> byName) {
    if (ref instanceof Ref r) {
      return r.id() != null ? r.id() : byName.get(r.name());
    }
    return null;
  }
}
