package dev.scenariosync.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The unit-test endpoints: create, list and search with every filter of the spec, partial update
 * and delete (soft, refused while a live unit test set uses the unit test). Success criteria are
 * validated as the spec's {@code SuccessCriterionDescription} union (numerical, boolean,
 * categorical).
 */
final class UnitTests {
  static final String GONE =
      "The specified organization or simulation unit test was not found or is inactive.";
  static final List<String> VERBS = List.of("==", "!=", "<=", "<", ">=", ">");
  private static final List<String> CRITERION_TYPES =
      List.of("numerical", "boolean", "categorical");
  private static final String[] ID_FILTERS = {
    "service_id", "persona_id", "scenario_id", "metric_id"
  };

  private final Store store;

  UnitTests(Store store) {
    this.store = store;
  }

  JsonNode create(Request r) {
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    Store.UnitTest t = new Store.UnitTest();
    t.name = Fields.stripped(inv, body, "name", List.of("body", "name"));
    t.description = Fields.stripped(inv, body, "description", List.of("body", "description"));
    t.service_id = Fields.objectId(inv, body, "service_id", List.of("body", "service_id"));
    t.service_version_set_name =
        Fields.string(
            inv, body, "service_version_set_name", List.of("body", "service_version_set_name"));
    t.persona_id = Fields.objectId(inv, body, "persona_id", List.of("body", "persona_id"));
    t.scenario_id = Fields.objectId(inv, body, "scenario_id", List.of("body", "scenario_id"));
    JsonNode max = body.get("max_interactions");
    if (max == null) {
      inv.missing(List.of("body", "max_interactions"), body);
    } else {
      Integer n = Fields.integer(inv, max, List.of("body", "max_interactions"), 0, 100);
      t.max_interactions = n == null ? 0 : n;
    }
    JsonNode criteria = body.get("success_criterions");
    if (criteria == null) {
      inv.missing(List.of("body", "success_criterions"), body);
    } else {
      t.success_criterions = criteria(inv, criteria, List.of("body", "success_criterions"));
    }
    t.tags = Fields.plainTags(inv, body, List.of("body", "tags"), false);
    inv.throwIfAny();
    return store.write(
        r.org(),
        (org, seq) -> {
          checkReferences(org, t.persona_id, t.scenario_id);
          if (org.unit_tests.stream().anyMatch(u -> !u.is_deleted && u.name.equals(t.name))) {
            throw new ApiError(409, "A unit test with this name already exists.");
          }
          t.id = store.newId();
          t.seq = seq;
          t.creator = r.user();
          store.touch(t, r.user());
          t.created_at = t.updated_at;
          org.unit_tests.add(t);
          ObjectNode out = Json.F.objectNode();
          out.put("simulation_unit_test_id", t.id);
          return out;
        });
  }

  /** The persona and scenario a unit test names must exist and be live (404 otherwise). */
  private static void checkReferences(Store.Org org, String personaId, String scenarioId) {
    String missing =
        "The specified organization, service, persona, scenario, metric, or service version set"
            + " was not found.";
    if (personaId != null) {
      Store.live(org.personas, personaId, missing);
    }
    if (scenarioId != null) {
      Store.live(org.scenarios, scenarioId, missing);
    }
  }

  JsonNode list(Request r) {
    Invalid inv = new Invalid();
    ListQuery<Store.UnitTest> q = ListQuery.listed(inv, r, 50, 500, ID_FILTERS);
    inv.throwIfAny();
    ListQuery<Store.UnitTest> query = q.and(t -> byIds(q.ids(), t));
    return store.read(
        r.org(),
        org -> {
          List<Store.UnitTest> matched = query.select(org.unit_tests);
          ObjectNode out =
              Json.page(
                  "simulation_unit_tests",
                  matched,
                  q.offset(),
                  q.limit(),
                  t -> json("id", r.org(), t));
          ObjectNode fv = Json.filterValuesWithTags(out, q.firstPage(), matched);
          if (fv != null) {
            Json.strings(
                fv.putArray("service_ids"), matched.stream().map(t -> t.service_id).toList());
            Json.strings(
                fv.putArray("persona_ids"), matched.stream().map(t -> t.persona_id).toList());
            Json.strings(
                fv.putArray("scenario_ids"), matched.stream().map(t -> t.scenario_id).toList());
            Json.strings(
                fv.putArray("metric_ids"),
                matched.stream().flatMap(t -> metricIds(t).stream()).toList());
          }
          return out;
        });
  }

  private static boolean byIds(IdFilters q, Store.UnitTest t) {
    return q.in("service_id", t.service_id)
        && q.in("persona_id", t.persona_id)
        && q.in("scenario_id", t.scenario_id)
        && q.anyIn("metric_id", metricIds(t));
  }

  static List<String> metricIds(Store.UnitTest t) {
    List<String> ids = new ArrayList<>();
    t.success_criterions.forEach(c -> ids.add(c.get("metric_id").asString()));
    return ids;
  }

  JsonNode search(Request r) {
    Invalid inv = new Invalid();
    List<String> terms = Query.searchTerms(inv, r);
    Predicate<Store.Entry> creators = Query.creatorFilter(inv, r);
    Predicate<Store.Listed> tags = Query.tagFilter(inv, r);
    IdFilters ids = IdFilters.read(inv, r, ID_FILTERS);
    inv.throwIfAny();
    return store.read(
        r.org(),
        org -> {
          ObjectNode out = Json.F.objectNode();
          ArrayNode items = out.putArray("simulation_unit_tests");
          Query.top(
                  org.unit_tests,
                  t -> creators.test(t) && tags.test(t) && byIds(ids, t),
                  t -> Query.score(terms, t.name))
              .forEach(t -> items.add(json("_id", r.org(), t)));
          return out;
        });
  }

  JsonNode update(Request r) {
    String id = Query.pathId(r, "simulation_unit_test_id");
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    String description = null;
    if (Fields.given(body, "description")) {
      description =
          Fields.strippedValue(inv, body.get("description"), List.of("body", "description"));
    }
    String serviceId = optionalId(inv, body, "service_id");
    String serviceSet = null;
    if (Fields.given(body, "service_version_set_name")) {
      serviceSet =
          Fields.string(
              inv, body, "service_version_set_name", List.of("body", "service_version_set_name"));
    }
    String personaId = optionalId(inv, body, "persona_id");
    String scenarioId = optionalId(inv, body, "scenario_id");
    Integer max = null;
    if (Fields.given(body, "max_interactions")) {
      max =
          Fields.integer(
              inv, body.get("max_interactions"), List.of("body", "max_interactions"), 0, 100);
    }
    JsonNode criteria = null;
    if (Fields.given(body, "success_criterions")) {
      criteria =
          criteria(inv, body.get("success_criterions"), List.of("body", "success_criterions"));
    }
    Integer runCount = null;
    if (Fields.given(body, "run_count")) {
      runCount = Fields.integer(inv, body.get("run_count"), List.of("body", "run_count"), 0, null);
    }
    Map<String, String> tags = Fields.plainTags(inv, body, List.of("body", "tags"), true);
    inv.throwIfAny();
    String newDescription = description;
    String newSet = serviceSet;
    Integer newMax = max;
    JsonNode newCriteria = criteria;
    Integer newRunCount = runCount;
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.UnitTest t = Store.live(org.unit_tests, id, GONE);
          checkReferences(org, personaId, scenarioId);
          boolean changed = false;
          if (newDescription != null) {
            t.description = newDescription;
            changed = true;
          }
          if (serviceId != null) {
            t.service_id = serviceId;
            changed = true;
          }
          if (newSet != null) {
            t.service_version_set_name = newSet;
            changed = true;
          }
          if (personaId != null) {
            t.persona_id = personaId;
            changed = true;
          }
          if (scenarioId != null) {
            t.scenario_id = scenarioId;
            changed = true;
          }
          if (newMax != null) {
            t.max_interactions = newMax;
            changed = true;
          }
          if (newCriteria != null) {
            t.success_criterions = newCriteria;
            changed = true;
          }
          if (newRunCount != null) {
            t.run_count = newRunCount;
            changed = true;
          }
          if (tags != null) {
            t.tags = tags;
            changed = true;
          }
          if (changed) {
            store.touch(t, r.user());
          }
          return null;
        });
  }

  private static String optionalId(Invalid inv, JsonNode body, String field) {
    return Fields.given(body, field)
        ? Fields.objectIdValue(inv, body.get(field), List.of("body", field))
        : null;
  }

  JsonNode delete(Request r) {
    String id = Query.pathId(r, "simulation_unit_test_id");
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.UnitTest t = Store.live(org.unit_tests, id, GONE);
          boolean used =
              org.unit_test_sets.stream()
                  .anyMatch(
                      s ->
                          !s.is_deleted
                              && s.unit_test_runs.stream()
                                  .anyMatch(u -> u.unit_test_id.equals(id)));
          if (used) {
            throw new ApiError(
                400, "The specified simulation unit test is used in a simulation unit test set.");
          }
          t.is_deleted = true;
          store.touch(t, r.user());
          return null;
        });
  }

  // ---------------------------------------------------------------- shapes and validation

  /** A unit test as list ({@code id}) and search ({@code _id}) return it. */
  static ObjectNode json(String idField, String org, Store.UnitTest t) {
    ObjectNode o = Json.document(idField, org, t);
    o.put("name", t.name);
    o.put("description", t.description);
    o.put("service_id", t.service_id);
    o.put("service_version_set_name", t.service_version_set_name);
    o.put("persona_id", t.persona_id);
    o.put("scenario_id", t.scenario_id);
    o.put("max_interactions", t.max_interactions);
    o.set("success_criterions", t.success_criterions);
    o.put("is_deleted", t.is_deleted);
    o.set("tags", Json.tagList(t.tags));
    o.set("creator", Json.user(t.creator));
    o.set("updated_by", Json.user(t.updated_by));
    return o;
  }

  /**
   * {@code success_criterions}: at least one {@code {name, metric_id, criterion}}, the criterion a
   * union tagged by {@code type}; returned normalised (stripped names, numbers as numbers).
   */
  static JsonNode criteria(Invalid inv, JsonNode list, List<Object> loc) {
    if (!Fields.isList(inv, list, loc) || !Fields.atLeast(inv, list, loc, 1)) {
      return null;
    }
    ArrayNode out = Json.F.arrayNode();
    boolean ok = true;
    for (int i = 0; i < list.size(); i++) {
      List<Object> at = Fields.at(loc, i);
      JsonNode c = list.get(i);
      if (!inv.requireObject(at, c)) {
        ok = false;
        continue;
      }
      String name = Fields.stripped(inv, c, "name", Fields.at(at, "name"));
      String metric = Fields.objectId(inv, c, "metric_id", Fields.at(at, "metric_id"));
      JsonNode criterion = c.get("criterion");
      ObjectNode described = null;
      if (criterion == null) {
        inv.missing(Fields.at(at, "criterion"), c);
      } else {
        described = criterion(inv, criterion, Fields.at(at, "criterion"));
      }
      if (name == null || metric == null || described == null) {
        ok = false;
        continue;
      }
      ObjectNode o = out.addObject();
      o.put("name", name);
      o.put("metric_id", metric);
      o.set("criterion", described);
    }
    return ok ? out : null;
  }

  /** One {@code SuccessCriterionDescription}; pydantic puts the tag into the error locations. */
  private static ObjectNode criterion(Invalid inv, JsonNode c, List<Object> loc) {
    if (!c.isObject()) {
      inv.add(
          "model_attributes_type",
          loc,
          "Input should be a valid dictionary or object to extract fields from",
          c);
      return null;
    }
    JsonNode type = c.get("type");
    String expected = "'numerical', 'boolean', 'categorical'";
    if (type == null) {
      inv.add("union_tag_not_found", loc, "Unable to extract tag using discriminator 'type'", c)
          .putObject("ctx")
          .put("discriminator", "'type'");
      return null;
    }
    if (!type.isString() || !CRITERION_TYPES.contains(type.asString())) {
      String tag = type.isString() ? type.asString() : type.toString();
      inv.add(
              "union_tag_invalid",
              loc,
              "Input tag '"
                  + tag
                  + "' found using 'type' does not match any of the expected tags: "
                  + expected,
              c)
          .putObject("ctx")
          .put("discriminator", "'type'")
          .put("tag", tag)
          .put("expected_tags", expected);
      return null;
    }
    String kind = type.asString();
    List<Object> at = Fields.at(loc, kind);
    ObjectNode out = Json.F.objectNode();
    out.put("type", kind);
    switch (kind) {
      case "numerical" -> {
        JsonNode verb = c.get("verb");
        JsonNode threshold = c.get("threshold");
        String v = null;
        Double t = null;
        if (verb == null) {
          inv.missing(Fields.at(at, "verb"), c);
        } else {
          v = Fields.oneOf(inv, verb, Fields.at(at, "verb"), VERBS);
        }
        if (threshold == null) {
          inv.missing(Fields.at(at, "threshold"), c);
        } else {
          t = Fields.number(inv, threshold, Fields.at(at, "threshold"));
        }
        if (v == null || t == null) {
          return null;
        }
        out.put("verb", v);
        out.put("threshold", t);
      }
      case "boolean" -> {
        JsonNode expectedValue = c.get("expected_value");
        if (expectedValue == null) {
          inv.missing(Fields.at(at, "expected_value"), c);
          return null;
        }
        Boolean b = Fields.bool(inv, expectedValue, Fields.at(at, "expected_value"));
        if (b == null) {
          return null;
        }
        out.put("expected_value", b);
      }
      default -> {
        JsonNode values = c.get("expected_values");
        List<Object> vloc = Fields.at(at, "expected_values");
        if (values == null) {
          inv.missing(vloc, c);
          return null;
        }
        List<String> list = Fields.strippedList(inv, values, vloc);
        if (list == null || !Fields.atLeast(inv, values, vloc, 1)) {
          return null;
        }
        ArrayNode a = out.putArray("expected_values");
        list.forEach(a::add);
      }
    }
    return out;
  }
}
