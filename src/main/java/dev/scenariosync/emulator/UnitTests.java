package dev.scenariosync.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The unit-test endpoints: create, list and search with every filter of the spec, partial update
 * and delete (soft, refused while a live unit test set uses the unit test). Success criteria are
 * validated as the spec's {@code SuccessCriterionDescription} union (numerical, boolean,
 * categorical).
 */
final class UnitTests extends Resource<Store.UnitTest> {
  static final List<String> VERBS = List.of("==", "!=", "<=", "<", ">=", ">");
  private static final List<String> CRITERION_TYPES =
      List.of("numerical", "boolean", "categorical");

  UnitTests(Store store) {
    super(
        store,
        new Names(
            "unit_test/",
            "search/",
            "{simulation_unit_test_id}/",
            "simulation_unit_test_id",
            "simulation_unit_tests",
            "unit_test_",
            "The specified organization or simulation unit test was not found or is inactive.",
            "A unit test with this name already exists."),
        Shape.LIST_TAGS,
        new Page(50, 500),
        new Limits(500, 200, 50, 500, 500),
        List.of(
            Filter.ids("service_id", t -> Collections.singletonList(t.service_id)),
            Filter.ids("persona_id", t -> Collections.singletonList(t.persona_id)),
            Filter.ids("scenario_id", t -> Collections.singletonList(t.scenario_id)),
            Filter.ids("metric_id", UnitTests::metricIds)));
  }

  @Override
  List<Store.UnitTest> documents(Store.Org org) {
    return org.unit_tests;
  }

  @Override
  JsonNode create(Request r) {
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    Store.UnitTest t = new Store.UnitTest();
    t.name = Fields.stripped(inv, body, "name", at("name"));
    t.description = Fields.stripped(inv, body, "description", at("description"));
    t.service_id = Fields.objectId(inv, body, "service_id", at("service_id"));
    t.service_version_set_name =
        Fields.string(inv, body, "service_version_set_name", at("service_version_set_name"));
    t.persona_id = Fields.objectId(inv, body, "persona_id", at("persona_id"));
    t.scenario_id = Fields.objectId(inv, body, "scenario_id", at("scenario_id"));
    Integer max =
        Fields.required(
            inv,
            body,
            "max_interactions",
            at("max_interactions"),
            v -> Fields.integer(inv, v, at("max_interactions"), 0, 100));
    t.max_interactions = max == null ? 0 : max;
    t.success_criterions =
        Fields.required(
            inv,
            body,
            "success_criterions",
            at("success_criterions"),
            v -> criteria(inv, v, at("success_criterions")));
    t.tags = shape.tags(inv, body, false);
    inv.throwIfAny();
    return insert(r, t, org -> checkReferences(org, t.persona_id, t.scenario_id), store::touch);
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

  static List<String> metricIds(Store.UnitTest t) {
    List<String> ids = new ArrayList<>();
    t.success_criterions.forEach(c -> ids.add(c.get("metric_id").asString()));
    return ids;
  }

  @Override
  String[] searched(Store.UnitTest t) {
    return new String[] {t.name};
  }

  @Override
  Patch<Store.UnitTest> patch(Invalid inv, JsonNode body) {
    Patch<Store.UnitTest> p = new Patch<>();
    p.set(
        optional(body, "description", v -> Fields.strippedValue(inv, v, at("description"))),
        (t, v) -> t.description = v);
    String serviceId = optionalId(inv, body, "service_id");
    p.set(serviceId, (t, v) -> t.service_id = v);
    p.set(
        Fields.given(body, "service_version_set_name")
            ? Fields.string(inv, body, "service_version_set_name", at("service_version_set_name"))
            : null,
        (t, v) -> t.service_version_set_name = v);
    String personaId = optionalId(inv, body, "persona_id");
    p.set(personaId, (t, v) -> t.persona_id = v);
    String scenarioId = optionalId(inv, body, "scenario_id");
    p.set(scenarioId, (t, v) -> t.scenario_id = v);
    p.set(
        optional(
            body, "max_interactions", v -> Fields.integer(inv, v, at("max_interactions"), 0, 100)),
        (t, v) -> t.max_interactions = v);
    p.set(
        optional(body, "success_criterions", v -> criteria(inv, v, at("success_criterions"))),
        (t, v) -> t.success_criterions = v);
    p.set(
        optional(
            body, "run_count", v -> Fields.integer(inv, v, at("run_count"), 0, Runs.MAX_RUN_COUNT)),
        (t, v) -> t.run_count = v);
    return p.check((org, id) -> checkReferences(org, personaId, scenarioId));
  }

  private static List<Object> at(String field) {
    return List.of("body", field);
  }

  /** An optional field read with {@code read} when sent with a value, else null. */
  private static <V> V optional(JsonNode body, String field, Function<JsonNode, V> read) {
    return Fields.given(body, field) ? read.apply(body.get(field)) : null;
  }

  private static String optionalId(Invalid inv, JsonNode body, String field) {
    return optional(body, field, v -> Fields.objectIdValue(inv, v, at(field)));
  }

  @Override
  String inUse(Store.Org org, String id) {
    boolean used =
        org.unit_test_sets.stream()
            .anyMatch(
                s ->
                    !s.is_deleted
                        && s.unit_test_runs.stream().anyMatch(u -> u.unit_test_id.equals(id)));
    return used
        ? "The specified simulation unit test is used in a simulation unit test set."
        : null;
  }

  // ---------------------------------------------------------------- shapes and validation

  @Override
  void fields(ObjectNode o, Store.UnitTest t) {
    o.put("description", t.description);
    o.put("service_id", t.service_id);
    o.put("service_version_set_name", t.service_version_set_name);
    o.put("persona_id", t.persona_id);
    o.put("scenario_id", t.scenario_id);
    o.put("max_interactions", t.max_interactions);
    o.set("success_criterions", t.success_criterions);
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
