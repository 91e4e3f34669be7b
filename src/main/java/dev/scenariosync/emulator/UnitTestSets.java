package dev.scenariosync.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The unit-test-set endpoints: create, list (with {@code unit_test_id}), search (name and
 * description), update (name too: 409 on a clash) and delete, the last two at paths without a
 * trailing slash as the spec has them.
 */
final class UnitTestSets {
  static final String GONE = "The specified organization or simulation unit test set was not found";

  private final Store store;

  UnitTestSets(Store store) {
    this.store = store;
  }

  JsonNode create(Request r) {
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    Store.UnitTestSet s = new Store.UnitTestSet();
    s.name = Fields.stripped(inv, body, "name", List.of("body", "name"));
    JsonNode description = body.get("description");
    if (description == null) {
      inv.missing(List.of("body", "description"), body);
    } else if (!description.isNull()) {
      s.description = Fields.strippedValue(inv, description, List.of("body", "description"));
    }
    JsonNode runs = body.get("unit_test_runs");
    if (runs == null) {
      inv.missing(List.of("body", "unit_test_runs"), body);
    } else {
      s.unit_test_runs = runs(inv, runs, List.of("body", "unit_test_runs"));
    }
    s.tags = Fields.plainTags(inv, body, List.of("body", "tags"), false);
    inv.throwIfAny();
    return store.write(
        r.org(),
        (org, seq) -> {
          checkUnitTests(org, s.unit_test_runs);
          if (nameTaken(org, s.name, null)) {
            throw new ApiError(
                409, "A simulation unit test set with the same name already exists.");
          }
          s.id = store.newId();
          s.seq = seq;
          s.creator = r.user();
          store.touch(s, r.user());
          s.created_at = s.updated_at;
          org.unit_test_sets.add(s);
          ObjectNode out = Json.F.objectNode();
          out.put("simulation_unit_test_set_id", s.id);
          return out;
        });
  }

  private static boolean nameTaken(Store.Org org, String name, String except) {
    return org.unit_test_sets.stream()
        .anyMatch(s -> !s.is_deleted && s.name.equals(name) && !s.id.equals(except));
  }

  private static void checkUnitTests(Store.Org org, List<Store.UnitTestRun> runs) {
    for (Store.UnitTestRun run : runs) {
      Store.live(
          org.unit_tests,
          run.unit_test_id,
          "The specified organization or unit test was not found.");
    }
  }

  JsonNode list(Request r) {
    Invalid inv = new Invalid();
    ListQuery<Store.UnitTestSet> q = ListQuery.listed(inv, r, 20, 20, "unit_test_id");
    inv.throwIfAny();
    ListQuery<Store.UnitTestSet> query = q.and(s -> q.ids().anyIn("unit_test_id", unitTestIds(s)));
    return store.read(
        r.org(),
        org -> {
          List<Store.UnitTestSet> matched = query.select(org.unit_test_sets);
          ObjectNode out =
              Json.page(
                  "simulation_unit_test_sets",
                  matched,
                  q.offset(),
                  q.limit(),
                  s -> json("id", r.org(), s));
          ObjectNode fv = Json.filterValuesWithTags(out, q.firstPage(), matched);
          if (fv != null) {
            Json.strings(
                fv.putArray("unit_test_ids"),
                matched.stream().flatMap(s -> unitTestIds(s).stream()).toList());
          }
          return out;
        });
  }

  static List<String> unitTestIds(Store.UnitTestSet s) {
    List<String> ids = new ArrayList<>();
    s.unit_test_runs.forEach(u -> ids.add(u.unit_test_id));
    return ids;
  }

  JsonNode search(Request r) {
    Invalid inv = new Invalid();
    List<String> terms = Query.searchTerms(inv, r);
    Predicate<Store.Entry> creators = Query.creatorFilter(inv, r);
    Predicate<Store.Listed> tags = Query.tagFilter(inv, r);
    IdFilters ids = IdFilters.read(inv, r, "unit_test_id");
    inv.throwIfAny();
    return store.read(
        r.org(),
        org -> {
          ObjectNode out = Json.F.objectNode();
          ArrayNode items = out.putArray("simulation_unit_test_sets");
          Query.top(
                  org.unit_test_sets,
                  s ->
                      creators.test(s) && tags.test(s) && ids.anyIn("unit_test_id", unitTestIds(s)),
                  s -> Query.score(terms, s.name, s.description))
              .forEach(s -> items.add(json("_id", r.org(), s)));
          return out;
        });
  }

  JsonNode update(Request r) {
    String id = Query.pathId(r, "simulation_unit_test_set_id");
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    String name = null;
    if (Fields.given(body, "name")) {
      name = Fields.strippedValue(inv, body.get("name"), List.of("body", "name"));
    }
    // description: absent or {} (the spec's _NotSet) keeps it, null clears it
    JsonNode d = body.get("description");
    boolean setDescription = d != null && !(d.isObject() && d.isEmpty());
    String description = null;
    if (setDescription && !d.isNull()) {
      description = Fields.strippedValue(inv, d, List.of("body", "description"));
    }
    List<Store.UnitTestRun> runs = null;
    if (Fields.given(body, "unit_test_runs")) {
      runs = runs(inv, body.get("unit_test_runs"), List.of("body", "unit_test_runs"));
    }
    Map<String, String> tags = Fields.plainTags(inv, body, List.of("body", "tags"), true);
    inv.throwIfAny();
    String newName = name;
    String newDescription = description;
    List<Store.UnitTestRun> newRuns = runs;
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.UnitTestSet s = Store.live(org.unit_test_sets, id, GONE);
          if (newRuns != null) {
            checkUnitTests(org, newRuns);
          }
          if (newName != null && nameTaken(org, newName, id)) {
            throw new ApiError(409, "A simulation unit test set with this name already exists.");
          }
          boolean changed = false;
          if (newName != null) {
            s.name = newName;
            changed = true;
          }
          if (setDescription) {
            s.description = newDescription;
            changed = true;
          }
          if (newRuns != null) {
            s.unit_test_runs = newRuns;
            changed = true;
          }
          if (tags != null) {
            s.tags = tags;
            changed = true;
          }
          if (changed) {
            store.touch(s, r.user());
          }
          return null;
        });
  }

  JsonNode delete(Request r) {
    String id = Query.pathId(r, "simulation_unit_test_set_id");
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.UnitTestSet s = Store.live(org.unit_test_sets, id, GONE);
          s.is_deleted = true;
          store.touch(s, r.user());
          return null;
        });
  }

  // ---------------------------------------------------------------- shapes and validation

  /** A set as list ({@code id}) and search ({@code _id}) return it. */
  static ObjectNode json(String idField, String org, Store.UnitTestSet s) {
    ObjectNode o = Json.document(idField, org, s);
    o.put("name", s.name);
    o.put("description", s.description);
    ArrayNode runs = o.putArray("unit_test_runs");
    s.unit_test_runs.forEach(
        u -> runs.addObject().put("unit_test_id", u.unit_test_id).put("run_count", u.run_count));
    o.put("last_triggered_run_id", s.last_triggered_run_id);
    o.put("is_deleted", s.is_deleted);
    o.set("tags", Json.tagList(s.tags));
    o.set("creator", Json.user(s.creator));
    o.set("updated_by", Json.user(s.updated_by));
    return o;
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
        n = Fields.integer(inv, count, Fields.at(at, "run_count"), 0, null);
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
