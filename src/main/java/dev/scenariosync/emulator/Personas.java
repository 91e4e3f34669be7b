package dev.scenariosync.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The persona endpoints: create, list, search (name and latest background), update (tags), delete
 * (soft, refused while a live unit test uses the persona), create version (expected-version guard)
 * and get versions.
 */
final class Personas {
  static final String GONE = "The specified organization or simulation persona does not exist.";

  /** The spec's enums of ISO 639-3 codes and IANA time zones, copied into resources. */
  static final List<String> LANGUAGES = lines("languages.txt");

  static final List<String> TIMEZONES = lines("timezones.txt");

  private final Store store;

  Personas(Store store) {
    this.store = store;
  }

  private static List<String> lines(String resource) {
    try (InputStream in = Personas.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode create(Request r) {
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    String name = Fields.stripped(inv, body, "name", List.of("body", "name"));
    String role = Fields.stripped(inv, body, "role", List.of("body", "role"));
    Map<String, String> tags = Fields.tags(inv, body, List.of("body", "tags"), false);
    Store.PersonaVersion v = null;
    JsonNode iv = body.get("initial_version");
    if (iv == null) {
      inv.missing(List.of("body", "initial_version"), body);
    } else if (inv.requireObject(List.of("body", "initial_version"), iv)) {
      v = versionInput(inv, iv, List.of("body", "initial_version"));
    }
    inv.throwIfAny();
    Store.PersonaVersion version = v;
    return store.write(
        r.org(),
        (org, seq) -> {
          if (org.personas.stream().anyMatch(p -> !p.is_deleted && p.name.equals(name))) {
            throw new ApiError(409, "A simulation persona with this name already exists.");
          }
          Store.Persona p = new Store.Persona();
          p.id = store.newId();
          p.seq = seq;
          p.name = name;
          p.role = role;
          p.tags = tags;
          p.creator = r.user();
          Versions.append(store, p, version, 1, r.user());
          p.created_at = p.updated_at;
          org.personas.add(p);
          ObjectNode out = Json.F.objectNode();
          out.put("simulation_persona_id", p.id);
          return out;
        });
  }

  JsonNode list(Request r) {
    Invalid inv = new Invalid();
    ListQuery<Store.Persona> q = ListQuery.listed(inv, r, 50, 50);
    List<String> roles = r.all("role");
    inv.throwIfAny();
    ListQuery<Store.Persona> query = q.and(p -> roles.isEmpty() || roles.contains(p.role));
    return store.read(
        r.org(),
        org -> {
          List<Store.Persona> matched = query.select(org.personas);
          ObjectNode out =
              Json.page("simulation_personas", matched, q.offset(), q.limit(), Personas::json);
          ObjectNode fv = Json.filterValuesWithTags(out, q.firstPage(), matched);
          if (fv != null) {
            Json.strings(fv.putArray("roles"), matched.stream().map(p -> p.role).toList());
          }
          return out;
        });
  }

  JsonNode search(Request r) {
    Invalid inv = new Invalid();
    List<String> terms = Query.searchTerms(inv, r);
    List<String> roles = r.all("role");
    Predicate<Store.Entry> creators = Query.creatorFilter(inv, r);
    Predicate<Store.Listed> tags = Query.tagFilter(inv, r);
    inv.throwIfAny();
    return store.read(
        r.org(),
        org -> {
          ObjectNode out = Json.F.objectNode();
          ArrayNode items = out.putArray("simulation_personas");
          Query.top(
                  org.personas,
                  p ->
                      creators.test(p)
                          && tags.test(p)
                          && (roles.isEmpty() || roles.contains(p.role)),
                  p -> Query.score(terms, p.name, p.latest().background))
              .forEach(p -> items.add(json(p)));
          return out;
        });
  }

  JsonNode update(Request r) {
    String id = Query.pathId(r, "simulation_persona_id");
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    Map<String, String> tags = Fields.tags(inv, body, List.of("body", "tags"), true);
    inv.throwIfAny();
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.Persona p = Store.live(org.personas, id, GONE);
          if (tags != null) {
            p.tags = tags;
            store.touch(p, r.user());
          }
          return null;
        });
  }

  JsonNode delete(Request r) {
    String id = Query.pathId(r, "simulation_persona_id");
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.Persona p = Store.live(org.personas, id, GONE);
          if (org.unit_tests.stream().anyMatch(t -> !t.is_deleted && t.persona_id.equals(id))) {
            throw new ApiError(
                400, "The specified simulation persona is used in a simulation unit test.");
          }
          p.is_deleted = true;
          store.touch(p, r.user());
          return null;
        });
  }

  JsonNode createVersion(Request r) {
    String id = Query.pathId(r, "simulation_persona_id");
    Invalid inv = new Invalid();
    Integer expected = Versions.expected(inv, r);
    JsonNode body = r.json();
    Store.PersonaVersion v = null;
    if (inv.requireObject(List.of("body"), body)) {
      v = versionInput(inv, body, List.of("body"));
    }
    inv.throwIfAny();
    Store.PersonaVersion version = v;
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.Persona p = Store.live(org.personas, id, GONE);
          int next = Versions.next(p, expected);
          Versions.append(store, p, version, next, r.user());
          ObjectNode out = Json.F.objectNode();
          out.put("version", next);
          return out;
        });
  }

  JsonNode getVersions(Request r) {
    String id = Query.pathId(r, "simulation_persona_id");
    Versions.Page page = Versions.Page.read(r);
    return store.read(
        r.org(),
        org -> {
          Store.Persona p = Store.find(org.personas, id);
          if (p == null) {
            throw ApiError.notFound(GONE);
          }
          return page.answer("simulation_persona_versions", p, v -> versionJson(r.org(), p, v));
        });
  }

  // ---------------------------------------------------------------- shapes and validation

  static ObjectNode json(Store.Persona p) {
    ObjectNode o = Json.F.objectNode();
    o.put("id", p.id);
    o.put("name", p.name);
    o.put("role", p.role);
    o.set("tags", Json.tagMap(p.tags));
    o.put("is_deleted", p.is_deleted);
    o.put("created_at", p.created_at);
    o.set("creator", Json.user(p.creator));
    o.put("updated_at", p.updated_at);
    o.set("updated_by", Json.user(p.updated_by));
    return o;
  }

  static ObjectNode versionJson(String org, Store.Persona p, Store.PersonaVersion v) {
    ObjectNode o = Json.F.objectNode();
    o.put("_id", v.id);
    o.put("org_id", org);
    o.put("created_at", v.created_at);
    o.put("updated_at", v.updated_at);
    o.put("simulation_persona_id", p.id);
    o.put("version", v.version);
    o.put("background", v.background);
    o.put("preferred_language", v.preferred_language);
    o.put("timezone", v.timezone);
    ArrayNode models = o.putArray("user_models");
    v.user_models.forEach(models::add);
    o.set("nonsensitive_user_variables", Json.tagMap(v.nonsensitive_user_variables));
    o.set("sensitive_user_variables", Json.tagMap(v.sensitive_user_variables));
    o.set("creator", Json.user(v.creator));
    return o;
  }

  private static Store.PersonaVersion versionInput(Invalid inv, JsonNode body, List<Object> loc) {
    Store.PersonaVersion v = new Store.PersonaVersion();
    v.background = Fields.stripped(inv, body, "background", Fields.at(loc, "background"));
    v.preferred_language = optionalEnum(inv, body, "preferred_language", loc, LANGUAGES);
    v.timezone = optionalEnum(inv, body, "timezone", loc, TIMEZONES);
    JsonNode models = body.get("user_models");
    if (models == null) {
      inv.missing(Fields.at(loc, "user_models"), body);
    } else {
      v.user_models = Fields.strippedList(inv, models, Fields.at(loc, "user_models"));
    }
    v.nonsensitive_user_variables =
        Fields.variables(
            inv,
            body,
            "nonsensitive_user_variables",
            Fields.at(loc, "nonsensitive_user_variables"));
    v.sensitive_user_variables =
        Fields.variables(
            inv, body, "sensitive_user_variables", Fields.at(loc, "sensitive_user_variables"));
    return v;
  }

  /**
   * {@code preferred_language} and {@code timezone}: one of the spec's values, or {@code null}, or
   * not set (absent or {@code {}}, the spec's {@code _NotSet}); unset is stored as null.
   */
  private static String optionalEnum(
      Invalid inv, JsonNode body, String field, List<Object> loc, List<String> allowed) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull() || (v.isObject() && v.isEmpty())) {
      return null;
    }
    return Fields.oneOf(inv, v, Fields.at(loc, field), allowed);
  }
}
