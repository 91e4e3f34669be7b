package dev.scenariosync.emulator;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scenario and unit-test endpoints: request validation as pydantic would answer it, then the
 * operation on the {@link Store}. Each method returns the JSON body of a success (or null for 204)
 * and throws {@link ApiError} for every error status.
 */
final class Endpoints {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  static final List<String> MESSAGE_TYPES = List.of("user-message", "external-event", "skip");
  private static final String SCENARIO_GONE =
      "The specified organization or simulation scenario does not exist.";
  private static final Pattern RANGE = Pattern.compile("^(\\d+)-(\\d+|latest)$");

  private final Store store;

  Endpoints(Store store) {
    this.store = store;
  }

  // ---------------------------------------------------------------- scenarios

  JsonNode createScenario(Request r) {
    JsonNode body = r.json();
    Invalid inv = new Invalid();
    if (!inv.requireObject(List.of("body"), body)) {
      throw inv.toError();
    }
    String name = strippedText(inv, body, "name", List.of("body", "name"));
    Map<String, String> tags = tags(inv, body, List.of("body", "tags"), false);
    VersionInput v = null;
    JsonNode iv = body.get("initial_version");
    if (iv == null) {
      inv.missing(List.of("body", "initial_version"), body);
    } else if (inv.requireObject(List.of("body", "initial_version"), iv)) {
      v = versionInput(inv, iv, List.of("body", "initial_version"));
    }
    inv.throwIfAny();
    VersionInput version = v;
    return store.write(
        r.org(),
        (org, seq) -> {
          boolean taken =
              org.scenarios.stream().anyMatch(s -> !s.is_deleted && s.name.equals(name));
          if (taken) {
            throw new ApiError(409, "A simulation scenario with this name already exists.");
          }
          Store.Scenario s = new Store.Scenario();
          s.id = store.newId();
          s.seq = seq;
          s.name = name;
          s.tags = tags;
          s.created_at = store.stamp();
          s.updated_at = s.created_at;
          s.creator = r.user();
          s.updated_by = r.user();
          s.versions.add(newVersion(s, 1, version, r.user(), s.created_at));
          org.scenarios.add(s);
          ObjectNode out = F.objectNode();
          out.put("simulation_scenario_id", s.id);
          return out;
        });
  }

  /**
   * The query both list endpoints read, in the order the API checks it: {@code id} and the
   * endpoint's other id filters, {@code limit}, {@code continuation_token}, {@code is_deleted},
   * {@code creator}, {@code tag} and {@code sort_by ±updated_at}.
   */
  private record ListQuery(
      Map<String, List<String>> ids,
      int limit,
      int offset,
      Boolean deleted,
      Predicate<Store.Listed> creators,
      Predicate<Store.Listed> tags,
      Comparator<Store.Listed> order) {

    static ListQuery read(Invalid inv, Request r, int maxLimit, String... idParams) {
      Map<String, List<String>> ids = new LinkedHashMap<>();
      for (String param : idParams) {
        ids.put(param, Endpoints.ids(inv, r, param));
      }
      int limit = intParam(inv, r, "limit", 50, 0, maxLimit);
      int offset = intParam(inv, r, "continuation_token", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
      Boolean deleted = boolParam(inv, r, "is_deleted");
      Predicate<Store.Listed> creators = creatorFilter(inv, r);
      Predicate<Store.Listed> tags = tagFilter(inv, r);
      Comparator<Store.Listed> order =
          sortBy(inv, r, "updated_at", (Store.Listed e) -> e.updated_at, e -> e.seq);
      return new ListQuery(ids, limit, offset, deleted, creators, tags, order);
    }

    /** Whether {@code value} passes the id filter {@code param} (no values: anything passes). */
    boolean in(String param, String value) {
      List<String> wanted = ids.get(param);
      return wanted.isEmpty() || wanted.contains(value);
    }

    boolean matches(Store.Listed e) {
      return in("id", e.id)
          && (deleted == null || e.is_deleted == deleted)
          && creators.test(e)
          && tags.test(e);
    }

    /** What matches this query and {@code more}, in its order. */
    <T extends Store.Listed> List<T> select(List<T> all, Predicate<T> more) {
      return all.stream().filter(this::matches).filter(more).sorted(order).toList();
    }

    boolean firstPage() {
      return offset == 0;
    }
  }

  JsonNode listScenarios(Request r) {
    Invalid inv = new Invalid();
    ListQuery q = ListQuery.read(inv, r, 200, "id");
    inv.throwIfAny();
    return store.read(
        r.org(),
        org -> {
          List<Store.Scenario> matched = q.select(org.scenarios, s -> true);
          ObjectNode out = F.objectNode();
          ArrayNode items = out.putArray("simulation_scenarios");
          page(out, items, matched, q.offset(), q.limit(), Endpoints::scenarioJson);
          filterValues(out, q.firstPage(), matched);
          return out;
        });
  }

  JsonNode searchScenarios(Request r) {
    Invalid inv = new Invalid();
    String query = r.one("query");
    String stripped = query == null ? null : PyRules.strip(query);
    if (query == null) {
      inv.missing(List.of("query", "query"), null);
    } else if (stripped.isEmpty()) {
      inv.tooShort(List.of("query", "query"), Invalid.text(query));
    }
    Predicate<Store.Listed> creators = creatorFilter(inv, r);
    Predicate<Store.Listed> tagFilter = tagFilter(inv, r);
    inv.throwIfAny();
    List<String> terms = List.of(stripped.toLowerCase(Locale.ROOT).split("\\s+"));
    return store.read(
        r.org(),
        org -> {
          record Hit(Store.Scenario s, long score) {}
          List<Hit> hits = new ArrayList<>();
          for (Store.Scenario s : org.scenarios) {
            if (s.is_deleted || !creators.test(s) || !tagFilter.test(s)) {
              continue;
            }
            String name = s.name.toLowerCase(Locale.ROOT);
            long score = terms.stream().filter(name::contains).count();
            if (score > 0) {
              hits.add(new Hit(s, score));
            }
          }
          hits.sort(
              Comparator.comparingLong(Hit::score)
                  .reversed()
                  .thenComparing((Hit h) -> h.s().updated_at, Comparator.reverseOrder()));
          ObjectNode out = F.objectNode();
          ArrayNode items = out.putArray("simulation_scenarios");
          hits.stream().limit(50).forEach(h -> items.add(scenarioJson(h.s())));
          return out;
        });
  }

  void updateScenario(Request r) {
    String id = pathId(r);
    JsonNode body = r.json();
    Invalid inv = new Invalid();
    if (!inv.requireObject(List.of("body"), body)) {
      throw inv.toError();
    }
    Map<String, String> tags = tags(inv, body, List.of("body", "tags"), true);
    inv.throwIfAny();
    store.write(
        r.org(),
        (org, seq) -> {
          Store.Scenario s = live(org, id);
          if (tags != null) {
            s.tags = tags;
            store.touch(s, r.user());
          }
          return null;
        });
  }

  void deleteScenario(Request r) {
    String id = pathId(r);
    store.write(
        r.org(),
        (org, seq) -> {
          Store.Scenario s = live(org, id);
          boolean used =
              org.unit_tests.stream().anyMatch(t -> !t.is_deleted && t.scenario_id.equals(id));
          if (used) {
            throw new ApiError(
                400, "The specified simulation scenario is used in a simulation unit test.");
          }
          s.is_deleted = true;
          store.touch(s, r.user());
          return null;
        });
  }

  JsonNode createVersion(Request r) {
    String id = pathId(r);
    Invalid inv = new Invalid();
    Integer expected = null;
    String raw = r.one("version");
    if (raw != null) {
      Integer n = parseInt(raw);
      if (n == null) {
        inv.add(
            "int_parsing",
            List.of("query", "version"),
            "Input should be a valid integer, unable to parse string as an integer",
            Invalid.text(raw));
      } else if (n <= 1) {
        inv.add(
                "greater_than",
                List.of("query", "version"),
                "Input should be greater than 1",
                Invalid.text(raw))
            .putObject("ctx")
            .put("gt", 1);
      } else {
        expected = n;
      }
    }
    JsonNode body = r.json();
    VersionInput v = null;
    if (inv.requireObject(List.of("body"), body)) {
      v = versionInput(inv, body, List.of("body"));
    }
    inv.throwIfAny();
    Integer want = expected;
    VersionInput version = v;
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.Scenario s = live(org, id);
          int next = s.latest().version + 1;
          if (want != null && want != next) {
            throw new ApiError(
                400,
                "The specified version number is not the expected next version to be created.");
          }
          String now = store.stamp();
          s.versions.add(newVersion(s, next, version, r.user(), now));
          s.updated_at = now;
          s.updated_by = r.user();
          ObjectNode out = F.objectNode();
          out.put("version", next);
          return out;
        });
  }

  JsonNode getVersions(Request r) {
    String id = pathId(r);
    Invalid inv = new Invalid();
    String spec = r.one("version");
    int limit = intParam(inv, r, "limit", 10, 1, 10);
    int offset = intParam(inv, r, "continuation_token", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    Comparator<Store.Version> order = sortBy(inv, r, "version", v -> v.version, v -> v.version);
    int[] range = spec == null ? null : versionRange(inv, spec);
    inv.throwIfAny();
    return store.read(
        r.org(),
        org -> {
          Store.Scenario s = find(org, id);
          if (s == null) {
            throw ApiError.notFound(SCENARIO_GONE);
          }
          int latest = s.latest().version;
          int lo = range == null ? 1 : range[0] == -1 ? latest : range[0];
          int hi = range == null ? latest : range[1] == -1 ? latest : range[1];
          List<Store.Version> matched =
              s.versions.stream()
                  .filter(v -> v.version >= lo && v.version <= hi)
                  .sorted(order)
                  .toList();
          ObjectNode out = F.objectNode();
          ArrayNode items = out.putArray("simulation_scenario_versions");
          page(out, items, matched, offset, limit, v -> versionJson(r.org(), s, v));
          return out;
        });
  }

  // ---------------------------------------------------------------- unit tests

  JsonNode createUnitTest(Request r) {
    JsonNode body = r.json();
    Invalid inv = new Invalid();
    if (!inv.requireObject(List.of("body"), body)) {
      throw inv.toError();
    }
    String name = strippedText(inv, body, "name", List.of("body", "name"));
    String description = plainText(inv, body, "description");
    String serviceSet =
        strippedText(
            inv, body, "service_version_set_name", List.of("body", "service_version_set_name"));
    String serviceId = objectId(inv, body, "service_id");
    String personaId = objectId(inv, body, "persona_id");
    String scenarioId = objectId(inv, body, "scenario_id");
    JsonNode max = body.get("max_interactions");
    if (max == null) {
      inv.missing(List.of("body", "max_interactions"), body);
    } else if (!max.isInt() || max.asInt() < 1 || max.asInt() > 100) {
      inv.add(
          "int_range",
          List.of("body", "max_interactions"),
          "Input should be an integer from 1 to 100",
          max);
    }
    JsonNode criteria = body.get("success_criterions");
    if (criteria == null) {
      inv.missing(List.of("body", "success_criterions"), body);
    } else if (!criteria.isArray() || criteria.isEmpty()) {
      inv.add(
          "too_short",
          List.of("body", "success_criterions"),
          "List should have at least 1 item after validation, not 0",
          criteria);
    }
    Map<String, String> tags = tags(inv, body, List.of("body", "tags"), false);
    inv.throwIfAny();
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.Scenario scenario = find(org, scenarioId);
          if (scenario == null || scenario.is_deleted) {
            throw ApiError.notFound("The specified simulation scenario does not exist.");
          }
          if (org.unit_tests.stream().anyMatch(t -> !t.is_deleted && t.name.equals(name))) {
            throw new ApiError(409, "A simulation unit test with this name already exists.");
          }
          Store.UnitTest t = new Store.UnitTest();
          t.id = store.newId();
          t.seq = seq;
          t.name = name;
          t.description = description;
          t.service_id = serviceId;
          t.service_version_set_name = serviceSet;
          t.persona_id = personaId;
          t.scenario_id = scenarioId;
          t.max_interactions = max.asInt();
          t.success_criterions = criteria;
          t.tags = tags;
          t.created_at = store.stamp();
          t.updated_at = t.created_at;
          t.creator = r.user();
          t.updated_by = r.user();
          org.unit_tests.add(t);
          ObjectNode out = F.objectNode();
          out.put("simulation_unit_test_id", t.id);
          return out;
        });
  }

  JsonNode listUnitTests(Request r) {
    Invalid inv = new Invalid();
    // metric_id is checked but filters nothing: the emulator keeps no metrics
    ListQuery q =
        ListQuery.read(inv, r, 500, "id", "scenario_id", "service_id", "persona_id", "metric_id");
    inv.throwIfAny();
    return store.read(
        r.org(),
        org -> {
          List<Store.UnitTest> matched =
              q.select(
                  org.unit_tests,
                  t ->
                      q.in("scenario_id", t.scenario_id)
                          && q.in("service_id", t.service_id)
                          && q.in("persona_id", t.persona_id));
          ObjectNode out = F.objectNode();
          ArrayNode items = out.putArray("simulation_unit_tests");
          page(out, items, matched, q.offset(), q.limit(), t -> unitTestJson(r.org(), t));
          ObjectNode fv = filterValues(out, q.firstPage(), matched);
          if (fv != null) {
            strings(fv.putArray("service_ids"), matched.stream().map(t -> t.service_id).toList());
            strings(fv.putArray("persona_ids"), matched.stream().map(t -> t.persona_id).toList());
            strings(fv.putArray("scenario_ids"), matched.stream().map(t -> t.scenario_id).toList());
            fv.putArray("metric_ids");
          }
          return out;
        });
  }

  void deleteUnitTest(Request r) {
    String id = pathIdNamed(r, "simulation_unit_test_id");
    store.write(
        r.org(),
        (org, seq) -> {
          Store.UnitTest t =
              org.unit_tests.stream()
                  .filter(u -> u.id.equals(id) && !u.is_deleted)
                  .findFirst()
                  .orElse(null);
          if (t == null) {
            throw ApiError.notFound(
                "The specified organization or simulation unit test does not exist.");
          }
          t.is_deleted = true;
          store.touch(t, r.user());
          return null;
        });
  }

  // ---------------------------------------------------------------- shapes

  static ObjectNode scenarioJson(Store.Scenario s) {
    ObjectNode o = F.objectNode();
    o.put("id", s.id);
    o.put("name", s.name);
    ObjectNode tags = o.putObject("tags");
    s.tags.forEach(tags::put);
    o.put("is_deleted", s.is_deleted);
    o.put("created_at", s.created_at);
    o.set("creator", user(s.creator));
    o.put("updated_at", s.updated_at);
    o.set("updated_by", user(s.updated_by));
    return o;
  }

  static ObjectNode versionJson(String org, Store.Scenario s, Store.Version v) {
    ObjectNode o = F.objectNode();
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
    o.set("creator", user(v.creator));
    return o;
  }

  static ObjectNode unitTestJson(String org, Store.UnitTest t) {
    ObjectNode o = F.objectNode();
    o.put("id", t.id);
    o.put("org_id", org);
    o.put("created_at", t.created_at);
    o.put("updated_at", t.updated_at);
    o.put("name", t.name);
    o.put("description", t.description);
    o.put("service_id", t.service_id);
    o.put("service_version_set_name", t.service_version_set_name);
    o.put("persona_id", t.persona_id);
    o.put("scenario_id", t.scenario_id);
    o.put("max_interactions", t.max_interactions);
    o.set("success_criterions", t.success_criterions);
    o.put("is_deleted", t.is_deleted);
    ArrayNode tags = o.putArray("tags");
    t.tags.forEach((k, v) -> tags.addObject().put("key", k).put("value", v));
    o.set("creator", user(t.creator));
    o.set("updated_by", user(t.updated_by));
    return o;
  }

  private static ObjectNode user(Store.User u) {
    ObjectNode o = F.objectNode();
    o.put("org_id", u.org_id);
    o.put("user_id", u.user_id);
    return o;
  }

  private static ArrayNode users(List<Store.User> all) {
    Map<String, Store.User> unique = new LinkedHashMap<>();
    all.forEach(u -> unique.putIfAbsent(u.key(), u));
    ArrayNode a = F.arrayNode();
    unique.values().forEach(u -> a.add(user(u)));
    return a;
  }

  private static void strings(ArrayNode into, List<String> values) {
    new LinkedHashSet<>(values).forEach(into::add);
  }

  /** One page of {@code matched} into {@code items}, then {@code has_more} and the next token. */
  private static <T> void page(
      ObjectNode out,
      ArrayNode items,
      List<T> matched,
      int offset,
      int limit,
      java.util.function.Function<T, JsonNode> json) {
    int from = Math.max(0, offset);
    int to = Math.min(matched.size(), from + limit);
    for (int i = from; i < to; i++) {
      items.add(json.apply(matched.get(i)));
    }
    paging(out, to < matched.size(), to);
  }

  /**
   * {@code filter_values} with the creators and tag keys of everything matched, on the first page
   * only ({@code null} after, as the API documents). Returns it for more fields, or null.
   */
  private static ObjectNode filterValues(
      ObjectNode out, boolean firstPage, List<? extends Store.Listed> matched) {
    if (!firstPage) {
      out.putNull("filter_values");
      return null;
    }
    ObjectNode fv = out.putObject("filter_values");
    fv.set("creators", users(matched.stream().map(e -> e.creator).toList()));
    ArrayNode keys = fv.putArray("tags");
    new TreeSet<>(matched.stream().flatMap(e -> e.tags.keySet().stream()).toList())
        .forEach(keys::add);
    return fv;
  }

  private static void paging(ObjectNode out, boolean more, int next) {
    out.put("has_more", more);
    if (more) {
      out.put("continuation_token", next);
    } else {
      out.putNull("continuation_token");
    }
  }

  // ---------------------------------------------------------------- lookups

  private static Store.Scenario find(Store.Org org, String id) {
    for (Store.Scenario s : org.scenarios) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    return null;
  }

  /** A scenario that may be changed: it exists and is not deleted (404 otherwise). */
  private static Store.Scenario live(Store.Org org, String id) {
    Store.Scenario s = find(org, id);
    if (s == null || s.is_deleted) {
      throw ApiError.notFound(SCENARIO_GONE);
    }
    return s;
  }

  private Store.Version newVersion(
      Store.Scenario s, int number, VersionInput in, Store.User by, String now) {
    Store.Version v = new Store.Version();
    v.id = store.newId();
    v.version = number;
    v.objective = in.objective;
    v.instructions = in.instructions;
    v.initial_message_type = in.type;
    v.conversation_starts_at = in.startsAt;
    v.creator = by;
    v.created_at = now;
    v.updated_at = now;
    return v;
  }

  // ---------------------------------------------------------------- validation

  private record VersionInput(
      String objective, String instructions, String type, String startsAt) {}

  private static VersionInput versionInput(Invalid inv, JsonNode body, List<Object> loc) {
    String objective = strippedText(inv, body, "objective", append(loc, "objective"));
    String instructions = strippedText(inv, body, "instructions", append(loc, "instructions"));
    String type = null;
    JsonNode t = body.get("initial_message_type");
    if (t == null) {
      inv.missing(append(loc, "initial_message_type"), body);
    } else if (!t.isString() || !MESSAGE_TYPES.contains(t.asString())) {
      inv.add(
              "enum",
              append(loc, "initial_message_type"),
              "Input should be 'user-message', 'external-event' or 'skip'",
              t)
          .putObject("ctx")
          .put("expected", "'user-message', 'external-event' or 'skip'");
    } else {
      type = t.asString();
    }
    String startsAt = null;
    JsonNode c = body.get("conversation_starts_at");
    if (c == null) {
      inv.missing(append(loc, "conversation_starts_at"), body);
    } else if (!c.isNull()) {
      startsAt = utc(inv, c, append(loc, "conversation_starts_at"));
    }
    return new VersionInput(objective, instructions, type, startsAt);
  }

  /**
   * A date-time as pydantic reads one (ISO 8601, naive taken as UTC, or epoch seconds), in UTC, at
   * the milliseconds MongoDB keeps.
   */
  private static String utc(Invalid inv, JsonNode c, List<Object> loc) {
    String t = utcExact(inv, c, loc);
    return t == null ? null : Instant.parse(t).truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static String utcExact(Invalid inv, JsonNode c, List<Object> loc) {
    if (c.isNumber()) {
      return Instant.ofEpochSecond(c.asLong()).toString();
    }
    if (c.isString()) {
      String s = c.asString().trim();
      try {
        return OffsetDateTime.parse(s).toInstant().toString();
      } catch (DateTimeParseException e) {
        try {
          return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e2) {
          // fall through to the error
        }
      }
    }
    inv.add("datetime_from_date_parsing", loc, "Input should be a valid datetime", c);
    return null;
  }

  /** A StrippedNonemptyString: strip, then require at least one character. */
  private static String strippedText(Invalid inv, JsonNode body, String field, List<Object> loc) {
    JsonNode v = body.get(field);
    if (v == null) {
      inv.missing(loc, body);
      return null;
    }
    if (!v.isString()) {
      inv.stringType(loc, v);
      return null;
    }
    String s = PyRules.strip(v.asString());
    if (s.isEmpty()) {
      inv.tooShort(loc, v);
      return null;
    }
    return s;
  }

  private static String plainText(Invalid inv, JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null) {
      inv.missing(List.of("body", field), body);
      return null;
    }
    if (!v.isString()) {
      inv.stringType(List.of("body", field), v);
      return null;
    }
    return v.asString();
  }

  private static String objectId(Invalid inv, JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null) {
      inv.missing(List.of("body", field), body);
      return null;
    }
    if (!v.isString() || !PyRules.OBJECT_ID.matcher(v.asString()).matches()) {
      inv.pattern(List.of("body", field), "^[a-f0-9]{24}$", v);
      return null;
    }
    return v.asString();
  }

  /**
   * Tags: a map of StrippedNonemptyString keys to StrippedNonemptyString-or-null values, each
   * matching the tag pattern, at most 20. Returns null when absent and allowed to be, or invalid.
   */
  private static Map<String, String> tags(
      Invalid inv, JsonNode body, List<Object> loc, boolean optional) {
    JsonNode node = body.get("tags");
    if (node == null || (optional && node.isNull())) {
      if (!optional) {
        inv.missing(loc, body);
      }
      return null;
    }
    if (!node.isObject()) {
      inv.add("dict_type", loc, "Input should be a valid dictionary", node);
      return null;
    }
    Map<String, String> out = new LinkedHashMap<>();
    boolean ok = true;
    for (var e : node.properties()) {
      String key = e.getKey();
      List<Object> keyLoc = append(append(loc, key), "[key]");
      String k = PyRules.strip(key);
      if (k.isEmpty()) {
        inv.tooShort(keyLoc, Invalid.text(key));
        ok = false;
      } else if (!PyRules.matchesTagPattern(k)) {
        inv.pattern(keyLoc, PyRules.TAG_PATTERN, Invalid.text(key));
        ok = false;
      }
      JsonNode value = e.getValue();
      List<Object> valueLoc = append(loc, key);
      String v = null;
      if (value.isNull()) {
        v = null;
      } else if (!value.isString()) {
        inv.stringType(valueLoc, value);
        ok = false;
      } else {
        v = PyRules.strip(value.asString());
        if (v.isEmpty()) {
          inv.tooShort(valueLoc, value);
          ok = false;
        } else if (!PyRules.matchesTagPattern(v)) {
          inv.pattern(valueLoc, PyRules.TAG_PATTERN, value);
          ok = false;
        }
      }
      out.put(k, v);
    }
    if (out.size() > 20) {
      ObjectNode err =
          inv.add(
              "too_long",
              loc,
              "Dictionary should have at most 20 items after validation, not " + out.size(),
              node);
      err.putObject("ctx")
          .put("field_type", "Dictionary")
          .put("max_length", 20)
          .put("actual_length", out.size());
      ok = false;
    }
    return ok ? out : null;
  }

  private static List<Object> append(List<Object> loc, Object part) {
    List<Object> l = new ArrayList<>(loc);
    l.add(part);
    return l;
  }

  private static String pathId(Request r) {
    return pathIdNamed(r, "simulation_scenario_id");
  }

  private static String pathIdNamed(Request r, String name) {
    if (!PyRules.OBJECT_ID.matcher(r.pathId()).matches()) {
      Invalid inv = new Invalid();
      inv.pattern(List.of("path", name), "^[a-f0-9]{24}$", Invalid.text(r.pathId()));
      throw inv.toError();
    }
    return r.pathId();
  }

  private static List<String> ids(Invalid inv, Request r, String name) {
    List<String> values = r.all(name);
    for (int i = 0; i < values.size(); i++) {
      if (!PyRules.OBJECT_ID.matcher(values.get(i)).matches()) {
        inv.pattern(List.of("query", name, i), "^[a-f0-9]{24}$", Invalid.text(values.get(i)));
      }
    }
    return values;
  }

  private static Integer parseInt(String raw) {
    try {
      return Integer.valueOf(raw.trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static int intParam(Invalid inv, Request r, String name, int dflt, int min, int max) {
    String raw = r.one(name);
    if (raw == null) {
      return dflt;
    }
    Integer n = parseInt(raw);
    if (n == null) {
      inv.add(
          "int_parsing",
          List.of("query", name),
          "Input should be a valid integer, unable to parse string as an integer",
          Invalid.text(raw));
      return dflt;
    }
    if (n < min) {
      inv.add(
              "greater_than_equal",
              List.of("query", name),
              "Input should be greater than or equal to " + min,
              Invalid.text(raw))
          .putObject("ctx")
          .put("ge", min);
      return dflt;
    }
    if (n > max) {
      inv.add(
              "less_than_equal",
              List.of("query", name),
              "Input should be less than or equal to " + max,
              Invalid.text(raw))
          .putObject("ctx")
          .put("le", max);
      return dflt;
    }
    return n;
  }

  private static final Set<String> TRUE = Set.of("true", "1", "yes", "on", "t", "y");
  private static final Set<String> FALSE = Set.of("false", "0", "no", "off", "f", "n");

  private static Boolean boolParam(Invalid inv, Request r, String name) {
    String raw = r.one(name);
    if (raw == null) {
      return null;
    }
    String v = raw.trim().toLowerCase(Locale.ROOT);
    if (TRUE.contains(v)) {
      return true;
    }
    if (FALSE.contains(v)) {
      return false;
    }
    inv.add(
        "bool_parsing",
        List.of("query", name),
        "Input should be a valid boolean, unable to interpret input",
        Invalid.text(raw));
    return null;
  }

  private static Predicate<Store.Listed> creatorFilter(Invalid inv, Request r) {
    List<String> values = r.all("creator");
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).split(",", -1).length != 2) {
        inv.add(
            "value_error",
            List.of("query", "creator", i),
            "Value error, each creator must be of the format `org_id,user_id`",
            Invalid.text(values.get(i)));
      }
    }
    if (values.isEmpty()) {
      return t -> true;
    }
    Set<String> wanted = Set.copyOf(values);
    return e -> wanted.contains(e.creator.key());
  }

  /**
   * Tag filters {@code k:v}, {@code k:*} (any value) and {@code k:} (a null value), all required.
   */
  private static Predicate<Store.Listed> tagFilter(Invalid inv, Request r) {
    List<String> values = r.all("tag");
    List<Predicate<Map<String, String>>> tests = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      String f = values.get(i);
      int colon = f.indexOf(':');
      if (colon <= 0) {
        inv.add(
            "value_error",
            List.of("query", "tag", i),
            "Value error, each tag must be of the format `key:value`",
            Invalid.text(f));
        continue;
      }
      String key = f.substring(0, colon);
      String value = f.substring(colon + 1);
      if (value.equals("*")) {
        tests.add(m -> m.containsKey(key));
      } else if (value.isEmpty()) {
        tests.add(m -> m.containsKey(key) && m.get(key) == null);
      } else {
        tests.add(m -> value.equals(m.get(key)));
      }
    }
    return e -> tests.stream().allMatch(p -> p.test(e.tags));
  }

  /**
   * {@code sort_by}: {@code +field} or {@code -field} (a bare field is ascending), then the
   * tie-breaker.
   */
  private static <T, K extends Comparable<K>> Comparator<T> sortBy(
      Invalid inv,
      Request r,
      String field,
      java.util.function.Function<T, K> key,
      java.util.function.ToLongFunction<T> tie) {
    Comparator<T> order = null;
    List<String> values = r.all("sort_by");
    for (int i = 0; i < values.size(); i++) {
      String v = values.get(i);
      boolean desc = v.startsWith("-");
      String name = v.startsWith("-") || v.startsWith("+") ? v.substring(1) : v;
      if (!name.equals(field)) {
        inv.add(
            "value_error",
            List.of("query", "sort_by", i),
            "Value error, unsupported sort field `" + v + "`; supported: " + field,
            Invalid.text(v));
        continue;
      }
      Comparator<T> c = Comparator.comparing(key);
      c = desc ? c.reversed() : c;
      order = order == null ? c : order.thenComparing(c);
    }
    Comparator<T> tieBreak = Comparator.comparingLong(tie);
    return order == null ? tieBreak : order.thenComparing(tieBreak);
  }

  /** {@code N}, {@code latest}, {@code A-B} or {@code A-latest}; -1 stands for latest. */
  private static int[] versionRange(Invalid inv, String spec) {
    String s = spec.trim();
    if (s.equals("latest")) {
      return new int[] {-1, -1};
    }
    Integer n = parseInt(s);
    if (n != null && n >= 1) {
      return new int[] {n, n};
    }
    Matcher m = RANGE.matcher(s);
    if (m.matches()) {
      int a = Integer.parseInt(m.group(1));
      int b = m.group(2).equals("latest") ? -1 : Integer.parseInt(m.group(2));
      if (a >= 1 && (b == -1 || b >= a)) {
        return new int[] {a, b};
      }
    }
    inv.add(
        "value_error",
        List.of("query", "version"),
        "Value error, version must be N, latest, A-B or A-latest",
        Invalid.text(spec));
    return null;
  }
}
