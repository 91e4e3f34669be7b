package dev.scenariosync.emulator;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scenario endpoints: create, list, search, update (tags), delete (soft, refused while a live
 * unit test uses the scenario), create version (with the expected-version guard) and get versions.
 */
final class Scenarios {
  static final List<String> MESSAGE_TYPES = List.of("user-message", "external-event", "skip");
  static final String GONE = "The specified organization or simulation scenario does not exist.";

  private final Store store;

  Scenarios(Store store) {
    this.store = store;
  }

  JsonNode create(Request r) {
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    String name = Fields.stripped(inv, body, "name", List.of("body", "name"));
    Map<String, String> tags = Fields.tags(inv, body, List.of("body", "tags"), false);
    Store.Version v = null;
    JsonNode iv = body.get("initial_version");
    if (iv == null) {
      inv.missing(List.of("body", "initial_version"), body);
    } else if (inv.requireObject(List.of("body", "initial_version"), iv)) {
      v = versionInput(inv, iv, List.of("body", "initial_version"));
    }
    inv.throwIfAny();
    Store.Version version = v;
    return store.write(
        r.org(),
        (org, seq) -> {
          if (org.scenarios.stream().anyMatch(s -> !s.is_deleted && s.name.equals(name))) {
            throw new ApiError(409, "A simulation scenario with this name already exists.");
          }
          Store.Scenario s = new Store.Scenario();
          s.id = store.newId();
          s.seq = seq;
          s.name = name;
          s.tags = tags;
          s.creator = r.user();
          Versions.append(store, s, version, 1, r.user());
          s.created_at = s.updated_at;
          org.scenarios.add(s);
          ObjectNode out = Json.F.objectNode();
          out.put("simulation_scenario_id", s.id);
          return out;
        });
  }

  JsonNode list(Request r) {
    Invalid inv = new Invalid();
    ListQuery<Store.Scenario> q = ListQuery.listed(inv, r, 50, 200);
    inv.throwIfAny();
    return store.read(
        r.org(),
        org -> {
          List<Store.Scenario> matched = q.select(org.scenarios);
          ObjectNode out =
              Json.page("simulation_scenarios", matched, q.offset(), q.limit(), Scenarios::json);
          Json.filterValuesWithTags(out, q.firstPage(), matched);
          return out;
        });
  }

  JsonNode search(Request r) {
    Invalid inv = new Invalid();
    List<String> terms = Query.searchTerms(inv, r);
    Predicate<Store.Entry> creators = Query.creatorFilter(inv, r);
    Predicate<Store.Listed> tags = Query.tagFilter(inv, r);
    inv.throwIfAny();
    return store.read(
        r.org(),
        org -> {
          ObjectNode out = Json.F.objectNode();
          ArrayNode items = out.putArray("simulation_scenarios");
          Query.top(
                  org.scenarios,
                  s -> creators.test(s) && tags.test(s),
                  s -> Query.score(terms, s.name))
              .forEach(s -> items.add(json(s)));
          return out;
        });
  }

  JsonNode update(Request r) {
    String id = Query.pathId(r, "simulation_scenario_id");
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    Map<String, String> tags = Fields.tags(inv, body, List.of("body", "tags"), true);
    inv.throwIfAny();
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.Scenario s = Store.live(org.scenarios, id, GONE);
          if (tags != null) {
            s.tags = tags;
            store.touch(s, r.user());
          }
          return null;
        });
  }

  JsonNode delete(Request r) {
    String id = Query.pathId(r, "simulation_scenario_id");
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.Scenario s = Store.live(org.scenarios, id, GONE);
          if (org.unit_tests.stream().anyMatch(t -> !t.is_deleted && t.scenario_id.equals(id))) {
            throw new ApiError(
                400, "The specified simulation scenario is used in a simulation unit test.");
          }
          s.is_deleted = true;
          store.touch(s, r.user());
          return null;
        });
  }

  JsonNode createVersion(Request r) {
    String id = Query.pathId(r, "simulation_scenario_id");
    Invalid inv = new Invalid();
    Integer expected = Versions.expected(inv, r);
    JsonNode body = r.json();
    Store.Version v = null;
    if (inv.requireObject(List.of("body"), body)) {
      v = versionInput(inv, body, List.of("body"));
    }
    inv.throwIfAny();
    Store.Version version = v;
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.Scenario s = Store.live(org.scenarios, id, GONE);
          int next = Versions.next(s, expected);
          Versions.append(store, s, version, next, r.user());
          ObjectNode out = Json.F.objectNode();
          out.put("version", next);
          return out;
        });
  }

  JsonNode getVersions(Request r) {
    String id = Query.pathId(r, "simulation_scenario_id");
    Versions.Page page = Versions.Page.read(r);
    return store.read(
        r.org(),
        org -> {
          Store.Scenario s = Store.find(org.scenarios, id);
          if (s == null) {
            throw ApiError.notFound(GONE);
          }
          return page.answer("simulation_scenario_versions", s, v -> versionJson(r.org(), s, v));
        });
  }

  // ---------------------------------------------------------------- shapes and validation

  static ObjectNode json(Store.Scenario s) {
    ObjectNode o = Json.F.objectNode();
    o.put("id", s.id);
    o.put("name", s.name);
    o.set("tags", Json.tagMap(s.tags));
    o.put("is_deleted", s.is_deleted);
    o.put("created_at", s.created_at);
    o.set("creator", Json.user(s.creator));
    o.put("updated_at", s.updated_at);
    o.set("updated_by", Json.user(s.updated_by));
    return o;
  }

  static ObjectNode versionJson(String org, Store.Scenario s, Store.Version v) {
    ObjectNode o = Json.F.objectNode();
    o.put("_id", v.id);
    o.put("org_id", org);
    o.put("created_at", v.created_at);
    o.put("updated_at", v.updated_at);
    o.put("simulation_scenario_id", s.id);
    o.put("version", v.version);
    o.put("objective", v.objective);
    o.put("instructions", v.instructions);
    o.put("initial_message_type", v.initial_message_type);
    o.put("conversation_starts_at", v.conversation_starts_at);
    o.set("creator", Json.user(v.creator));
    return o;
  }

  private static Store.Version versionInput(Invalid inv, JsonNode body, List<Object> loc) {
    Store.Version v = new Store.Version();
    v.objective = Fields.stripped(inv, body, "objective", Fields.at(loc, "objective"));
    v.instructions = Fields.stripped(inv, body, "instructions", Fields.at(loc, "instructions"));
    JsonNode t = body.get("initial_message_type");
    if (t == null) {
      inv.missing(Fields.at(loc, "initial_message_type"), body);
    } else {
      v.initial_message_type =
          Fields.oneOf(inv, t, Fields.at(loc, "initial_message_type"), MESSAGE_TYPES);
    }
    JsonNode c = body.get("conversation_starts_at");
    if (c == null) {
      inv.missing(Fields.at(loc, "conversation_starts_at"), body);
    } else if (!c.isNull()) {
      v.conversation_starts_at = Fields.utc(inv, c, Fields.at(loc, "conversation_starts_at"));
    }
    return v;
  }
}
