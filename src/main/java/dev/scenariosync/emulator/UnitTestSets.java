package dev.scenariosync.emulator;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The unit-test-set endpoints: create, list (with {@code unit_test_id}), search (name and
 * description), update (name too: 409 on a clash) and delete, the last two at paths without a
 * trailing slash as the spec has them.
 */
final class UnitTestSets extends Resource<Store.UnitTestSet> {

  UnitTestSets(Store store) {
    super(
        store,
        new Names(
            "unit_test_set/",
            "search/",
            "{simulation_unit_test_set_id}", // no trailing slash, as in the spec
            "simulation_unit_test_set_id",
            "simulation_unit_test_sets",
            "unit_test_set_",
            "The specified organization or simulation unit test set was not found",
            "A simulation unit test set with the same name already exists."),
        Shape.LIST_TAGS,
        new Page(20, 20),
        new Limits(50, 50, 50, 50, 50),
        List.of(Filter.ids("unit_test_id", UnitTestSets::unitTestIds)));
  }

  @Override
  List<Store.UnitTestSet> documents(Store.Org org) {
    return org.unit_test_sets;
  }

  @Override
  JsonNode create(Request r) {
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    Store.UnitTestSet s = new Store.UnitTestSet();
    s.name = Fields.stripped(inv, body, "name", List.of("body", "name"));
    List<Object> d = List.of("body", "description");
    s.description =
        Fields.required(
            inv, body, "description", d, v -> v.isNull() ? null : Fields.strippedValue(inv, v, d));
    List<Object> runs = List.of("body", "unit_test_runs");
    s.unit_test_runs = Fields.required(inv, body, "unit_test_runs", runs, v -> runs(inv, v, runs));
    s.tags = shape.tags(inv, body, false);
    inv.throwIfAny();
    return insert(r, s, org -> checkUnitTests(org, s.unit_test_runs), store::touch);
  }

  private static void checkUnitTests(Store.Org org, List<Store.UnitTestRun> runs) {
    for (Store.UnitTestRun run : runs) {
      Store.live(
          org.unit_tests,
          run.unit_test_id,
          "The specified organization or unit test was not found.");
    }
  }

  static List<String> unitTestIds(Store.UnitTestSet s) {
    List<String> ids = new ArrayList<>();
    s.unit_test_runs.forEach(u -> ids.add(u.unit_test_id));
    return ids;
  }

  @Override
  String[] searched(Store.UnitTestSet s) {
    return new String[] {s.name, s.description};
  }

  /** Name (409 on a clash), description (absent or {@code {}} keeps it, null clears it), runs. */
  @Override
  Patch<Store.UnitTestSet> patch(Invalid inv, JsonNode body) {
    Patch<Store.UnitTestSet> p = new Patch<>();
    String name = null;
    if (Fields.given(body, "name")) {
      name = Fields.strippedValue(inv, body.get("name"), List.of("body", "name"));
    }
    JsonNode d = body.get("description");
    if (d != null && !(d.isObject() && d.isEmpty())) {
      String description =
          d.isNull() ? null : Fields.strippedValue(inv, d, List.of("body", "description"));
      p.change(s -> s.description = description);
    }
    List<Store.UnitTestRun> runs = null;
    if (Fields.given(body, "unit_test_runs")) {
      runs = runs(inv, body.get("unit_test_runs"), List.of("body", "unit_test_runs"));
    }
    String newName = name;
    List<Store.UnitTestRun> newRuns = runs;
    return p.set(newName, (s, v) -> s.name = v)
        .set(newRuns, (s, v) -> s.unit_test_runs = v)
        .check(
            (org, id) -> {
              if (newRuns != null) {
                checkUnitTests(org, newRuns);
              }
              if (newName != null && nameTaken(org, newName, id)) {
                throw new ApiError(
                    409, "A simulation unit test set with this name already exists.");
              }
            });
  }

  // ---------------------------------------------------------------- shapes and validation

  @Override
  void fields(ObjectNode o, Store.UnitTestSet s) {
    o.put("description", s.description);
    ArrayNode runs = o.putArray("unit_test_runs");
    s.unit_test_runs.forEach(
        u -> runs.addObject().put("unit_test_id", u.unit_test_id).put("run_count", u.run_count));
    o.put("last_triggered_run_id", s.last_triggered_run_id);
  }

  /** {@code unit_test_runs}: at least one {@code {unit_test_id, run_count > 0}}. */
  private static List<Store.UnitTestRun> runs(Invalid inv, JsonNode list, List<Object> loc) {
    if (!Fields.isList(inv, list, loc) || !Fields.atLeast(inv, list, loc, 1)) {
      return null;
    }
    List<Store.UnitTestRun> out = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < list.size(); i++) {
      List<Object> at = Fields.at(loc, i);
      JsonNode item = list.get(i);
      if (!inv.requireObject(at, item)) {
        ok = false;
        continue;
      }
      Store.UnitTestRun run = new Store.UnitTestRun();
      run.unit_test_id = Fields.objectId(inv, item, "unit_test_id", Fields.at(at, "unit_test_id"));
      JsonNode count = item.get("run_count");
      Integer n = null;
      if (count == null) {
        inv.missing(Fields.at(at, "run_count"), item);
      } else {
        n = Fields.integer(inv, count, Fields.at(at, "run_count"), 0, Runs.MAX_RUN_COUNT);
      }
      if (run.unit_test_id == null || n == null) {
        ok = false;
        continue;
      }
      run.run_count = n;
      out.add(run);
    }
    return ok ? out : null;
  }
}
