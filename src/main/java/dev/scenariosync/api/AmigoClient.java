package dev.scenariosync.api;

import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.model.PyText;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.SetRun;
import dev.scenariosync.model.Tags;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.model.VersionContent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scenario API over HTTP, at the exact paths of the OpenAPI file. Reads page through every
 * result; writes that lose their answer are resolved by reading back before anything else.
 */
public final class AmigoClient implements ScenarioApi, ResourceApi, RunApi, AutoCloseable {
  private static final int PAGE = 200;
  private static final int VERSION_PAGE = 10;
  private static final int UNIT_TEST_PAGE = 500;
  private static final int IDS_PER_REQUEST = 40;

  /** How far back a read-back looks for a scenario created by a lost request. */
  private static final Duration READ_BACK_WINDOW = Duration.ofMinutes(10);

  /** How many lost answers in a row one write may meet before the error is reported. */
  private static final int MAX_UNKNOWN = 5;

  private final ApiSettings settings;
  private final HttpTransport transport;
  private final ScenarioResources scenarios = new ScenarioResources(this);

  public AmigoClient(ApiSettings settings) {
    this(settings, Progress.NONE);
  }

  /** A client that tells {@code progress} why it waits, when it holds calls for long. */
  public AmigoClient(ApiSettings settings, Progress progress) {
    this(settings, Duration.ofMinutes(1), progress);
  }

  /** With the rate limits' period shortened: for tests against an emulator with a short window. */
  AmigoClient(ApiSettings settings, Duration rateLimitPeriod) {
    this(settings, rateLimitPeriod, Progress.NONE);
  }

  private AmigoClient(ApiSettings settings, Duration rateLimitPeriod, Progress progress) {
    this.settings = settings;
    this.transport = new HttpTransport(settings, rateLimitPeriod, progress);
  }

  @Override
  public String organization() {
    return settings.organization();
  }

  @Override
  public String userId() {
    return settings.credentials().userId();
  }

  @Override
  public Stats stats() {
    return new Stats(transport.callCount(), transport.throttledCount());
  }

  /** How many times this client signed in. */
  public int signIns() {
    return transport.tokens().signInCount();
  }

  /** The pacing state, for tests and progress output. */
  RateLimiter transportLimiter() {
    return transport.limiter();
  }

  @Override
  public void close() {
    transport.close();
  }

  // ---------------------------------------------------------------- reads

  @Override
  public List<RemoteScenario> list(ListFilter filter) {
    List<RemoteScenario> out = new ArrayList<>();
    String op = "list scenarios";
    pages(
        Endpoint.LIST,
        op,
        List.of("simulation", "scenario", ""),
        "simulation_scenarios",
        token -> {
          Query q =
              new Query()
                  .add("is_deleted", String.valueOf(filter.deleted()))
                  .add("limit", String.valueOf(PAGE))
                  .continuing(token);
          filter.tags().forEach(t -> q.add("tag", t));
          filter.ids().forEach(id -> q.add("id", id));
          return q;
        },
        n -> out.add(decode(op, () -> Wire.scenario(n))));
    return out;
  }

  @Override
  public List<RemoteScenario> search(String query, List<String> tags) {
    Query q = new Query().add("query", query);
    tags.forEach(t -> q.add("tag", t));
    String op = "search scenarios";
    JsonNode page = get(Endpoint.SEARCH, op, List.of("simulation", "scenario", "search"), q);
    List<RemoteScenario> out = new ArrayList<>();
    new Paging(op, "simulation_scenarios")
        .items(page)
        .forEach(n -> out.add(decode(op, () -> Wire.scenario(n))));
    return out;
  }

  @Override
  public Optional<RemoteScenario> get(String id) {
    Query q = new Query().add("id", id).add("limit", "1");
    String op = "read scenario " + id;
    JsonNode page = get(Endpoint.LIST, op, List.of("simulation", "scenario", ""), q);
    List<JsonNode> items = new Paging(op, "simulation_scenarios").items(page);
    return items.isEmpty()
        ? Optional.empty()
        : Optional.of(decode(op, () -> Wire.scenario(items.get(0))));
  }

  @Override
  public Optional<RemoteVersion> latestVersion(String id) {
    List<RemoteVersion> v = versions(id, "latest");
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  @Override
  public List<RemoteVersion> versions(String id, String range) {
    String op = "read versions of " + id;
    List<RemoteVersion> out = new ArrayList<>();
    versionPages(
        Endpoint.VERSION_GET,
        op,
        List.of("simulation", "scenario", id, "version", ""),
        "simulation_scenario_versions",
        range,
        n -> out.add(decode(op, () -> Wire.version(n))));
    return out;
  }

  /**
   * Every page of a versions list ({@code +version}, {@code range}), as far as {@link Paging}
   * allows, each item given to {@code each} before the next page is asked for; a 404 (the resource
   * is gone) ends the list.
   */
  private void versionPages(
      Endpoint endpoint,
      String op,
      List<String> path,
      String key,
      String range,
      java.util.function.Consumer<JsonNode> each) {
    try {
      pages(
          endpoint,
          op,
          path,
          key,
          token ->
              new Query()
                  .add("version", range)
                  .add("limit", String.valueOf(VERSION_PAGE))
                  .add("sort_by", "+version")
                  .continuing(token),
          each);
    } catch (ApiException.NotFound e) {
      // the resource is gone: its list ends here
    }
  }

  /**
   * Every page of a list, as far as {@link Paging} allows: {@code query} makes each page's query
   * from the continuation token (null for the first); each item goes to {@code each} before the
   * next page is asked for.
   */
  private void pages(
      Endpoint endpoint,
      String op,
      List<String> path,
      String key,
      Function<String, Query> query,
      java.util.function.Consumer<JsonNode> each) {
    pagesWhile(
        endpoint,
        op,
        path,
        key,
        query,
        items -> {
          items.forEach(each);
          return true;
        });
  }

  /** As {@link #pages}, a page's items at a time, while {@code page} answers true. */
  private void pagesWhile(
      Endpoint endpoint,
      String op,
      List<String> path,
      String key,
      Function<String, Query> query,
      java.util.function.Predicate<List<JsonNode>> page) {
    Paging paging = new Paging(op, key);
    while (true) {
      JsonNode answer = get(endpoint, op, path, query.apply(paging.token()));
      List<JsonNode> items = paging.items(answer);
      if (!page.test(items) || !paging.next(answer, items.size())) {
        return;
      }
    }
  }

  @Override
  public Map<String, List<UnitTestRef>> unitTestsFor(Collection<String> scenarioIds) {
    Map<String, List<UnitTestRef>> out = new LinkedHashMap<>();
    List<String> ids = List.copyOf(scenarioIds);
    for (int i = 0; i < ids.size(); i += IDS_PER_REQUEST) {
      List<String> batch = ids.subList(i, Math.min(ids.size(), i + IDS_PER_REQUEST));
      String op = "list unit tests";
      pages(
          Endpoint.UNIT_TEST_LIST,
          op,
          List.of("simulation", "unit_test", ""),
          "simulation_unit_tests",
          token -> {
            Query q =
                new Query().add("is_deleted", "false").add("limit", String.valueOf(UNIT_TEST_PAGE));
            batch.forEach(id -> q.add("scenario_id", id));
            return q.continuing(token);
          },
          t -> {
            UnitTestRef ref =
                decode(
                    op,
                    () ->
                        new UnitTestRef(
                            t.path("id").asString(),
                            t.path("name").asString(),
                            t.path("scenario_id").asString()));
            out.computeIfAbsent(ref.scenarioId(), k -> new ArrayList<>()).add(ref);
          });
    }
    return out;
  }

  // ---------------------------------------------------------------- writes

  @Override
  public String create(String name, Map<String, String> tags, VersionContent first) {
    ObjectNode body = Wire.JSON.createObjectNode();
    body.put("name", name);
    body.set("tags", Wire.tagsNode(tags));
    body.set("initial_version", Wire.versionBody(first));
    String op = "create scenario '" + name + "'";
    Instant started = Instant.now();
    return readBackWhenLost(
        () ->
            createdId(
                send(
                    "POST",
                    Endpoint.CREATE,
                    op,
                    List.of("simulation", "scenario", ""),
                    new Query(),
                    body),
                "simulation_scenario_id",
                op),
        () -> findCreated(name, tags, first, started));
  }

  /**
   * Sends a write that must not be sent twice. When its answer is lost, {@code readBack} looks
   * before anything else happens: what the lost request made, or empty when it made nothing (then
   * the same request is sent again, a few times at most).
   */
  private static <T> T readBackWhenLost(
      java.util.function.Supplier<T> write, java.util.function.Supplier<Optional<T>> readBack) {
    for (int attempt = 1; ; attempt++) {
      try {
        return write.get();
      } catch (TransportException e) {
        if (!e.outcomeUnknown()) {
          throw e;
        }
        Optional<T> made = readBack.get();
        if (made.isPresent()) {
          return made.get();
        }
        if (attempt >= MAX_UNKNOWN) {
          throw e; // every answer lost and nothing made: a failure, not a conflict
        }
      }
    }
  }

  /** The id a create answered under {@code key}; an answer without one is an error. */
  private static String createdId(JsonNode answer, String key, String op) {
    String id = answer.path(key).asString("");
    if (id.isEmpty()) {
      throw new ApiException.Unexpected(201, op, "the API answered no '" + key + "'");
    }
    return id;
  }

  /** The number a version create answered; the expected one when it states none. */
  private static int createdVersion(JsonNode answer, int expected) {
    return answer.path("version").asInt(expected);
  }

  /**
   * After a lost create: the scenario with this name among the most recently updated ones. Ours
   * only when its first version, its tags and its creator (the signed-in user) all match what we
   * sent; someone else's otherwise (a conflict).
   */
  private Optional<String> findCreated(
      String name, Map<String, String> tags, VersionContent sent, Instant started) {
    String key = PyText.strip(name);
    Instant horizon = started.minus(READ_BACK_WINDOW);
    String op = "find scenario '" + name + "'";
    String[] found = {null};
    pagesWhile(
        Endpoint.LIST,
        op,
        List.of("simulation", "scenario", ""),
        "simulation_scenarios",
        token ->
            new Query()
                .add("is_deleted", "false")
                .add("limit", String.valueOf(PAGE))
                .add("sort_by", "-updated_at")
                .continuing(token),
        items -> {
          boolean older = false;
          for (JsonNode n : items) {
            RemoteScenario s = decode(op, () -> Wire.scenario(n));
            if (s.name().equals(key)) {
              if (isOurs(s, tags)) {
                List<RemoteVersion> v = versions(s.id(), "1");
                if (!v.isEmpty() && v.get(0).content().normalized().equals(sent.normalized())) {
                  found[0] = s.id();
                  return false;
                }
              }
              throw new ApiException.Conflict(
                  "create scenario '" + name + "'",
                  "A simulation scenario with this name already exists.");
            }
            older |= s.updatedAt() != null && s.updatedAt().isBefore(horizon);
          }
          return !older;
        });
    return Optional.ofNullable(found[0]);
  }

  /** Tags as we sent them and made by the signed-in user: the rest of "ours" after a create. */
  private boolean isOurs(RemoteScenario s, Map<String, String> tags) {
    return Tags.normalized(s.tags()).equals(Tags.normalized(tags))
        && s.creator() != null
        && userId().equals(s.creator().userId());
  }

  @Override
  public void updateTags(String id, Map<String, String> tags) {
    ObjectNode body = Wire.JSON.createObjectNode();
    body.set("tags", Wire.tagsNode(Tags.copyOf(tags)));
    // Replacing a tag map is idempotent: after a lost answer, sending it again is safe.
    idempotent(
        () ->
            send(
                "POST",
                Endpoint.UPDATE,
                "update tags of " + id,
                List.of("simulation", "scenario", id, ""),
                new Query(),
                body));
  }

  @Override
  public void delete(String id) {
    deleteOnce(
        Endpoint.DELETE,
        "delete scenario " + id,
        List.of("simulation", "scenario", id, ""),
        ApiException.NotFound.class);
  }

  /**
   * Runs an idempotent write, sending it again while its answers are lost (a few times at most).
   */
  private static void idempotent(Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (TransportException e) {
        if (!e.outcomeUnknown() || attempt >= MAX_UNKNOWN) {
          throw e;
        }
      }
    }
  }

  @Override
  public int createVersion(String id, VersionContent content, int expected) {
    Query q = new Query().add("version", String.valueOf(expected));
    String op = "create version " + expected + " of " + id;
    return readBackWhenLost(
        () ->
            createdVersion(
                send(
                    "POST",
                    Endpoint.VERSION_CREATE,
                    op,
                    List.of("simulation", "scenario", id, "version", ""),
                    q,
                    Wire.versionBody(content)),
                expected),
        () -> {
          // Version 'expected' itself, not the latest: if it holds our content the lost request
          // made it, whatever came after it; if it is absent, the same request (the same expected
          // number) is safe to send again.
          List<RemoteVersion> mine = versions(id, String.valueOf(expected));
          if (mine.isEmpty()) {
            return Optional.empty();
          }
          if (mine.get(0).content().normalized().equals(content.normalized())) {
            return Optional.of(expected);
          }
          throw notTheExpectedVersion(op);
        });
  }

  /** The API's 400 for a version number already taken: another version came first. */
  private static ApiException notTheExpectedVersion(String op) {
    return new ApiException.BadRequest(
        op, "The specified version number is not the expected next version to be created.");
  }

  // ---------------------------------------------------------------- personas, unit tests, sets

  private static List<String> collection(KindSpec k) {
    return List.of("simulation", k.api().collection(), "");
  }

  private static List<String> item(KindSpec k, String id) {
    return k.api().itemSlash()
        ? List.of("simulation", k.api().collection(), id, "")
        : List.of("simulation", k.api().collection(), id);
  }

  @Override
  public List<RemoteResource> listAll(KindSpec kind) {
    if (ScenarioResources.serves(kind)) {
      return scenarios.listAll();
    }
    return listResources(kind, new Query().add("is_deleted", "false"));
  }

  private List<RemoteResource> listResources(KindSpec kind, Query filter) {
    String op = "list " + kind.kind().word() + "s";
    List<RemoteResource> out = new ArrayList<>();
    listNodes(kind, filter).forEach(n -> out.add(decode(op, () -> KindWire.resource(kind, n))));
    return out;
  }

  /** The list's items as the API answered them, all pages. */
  private List<JsonNode> listNodes(KindSpec kind, Query filter) {
    List<JsonNode> out = new ArrayList<>();
    pages(
        Endpoint.of(kind.kind(), Endpoint.Op.LIST),
        "list " + kind.kind().word() + "s",
        collection(kind),
        kind.api().listKey(),
        token -> {
          Query q = new Query();
          q.entries.addAll(filter.entries);
          return q.add("limit", String.valueOf(kind.api().pageSize())).continuing(token);
        },
        out::add);
    return out;
  }

  @Override
  public Optional<RemoteResource> getResource(KindSpec kind, String id) {
    if (ScenarioResources.serves(kind)) {
      return scenarios.get(id);
    }
    String op = "read " + kind.kind().word() + " " + id;
    JsonNode page =
        get(
            Endpoint.of(kind.kind(), Endpoint.Op.LIST),
            op,
            collection(kind),
            new Query().add("id", id).add("limit", "1"));
    List<JsonNode> items = new Paging(op, kind.api().listKey()).items(page);
    return items.isEmpty()
        ? Optional.empty()
        : Optional.of(decode(op, () -> KindWire.resource(kind, items.get(0))));
  }

  @Override
  public RemoteResource withLatestVersion(KindSpec kind, RemoteResource r) {
    if (ScenarioResources.serves(kind)) {
      return scenarios.withLatestVersion(r);
    }
    JsonNode v = resourceVersion(kind, r.id(), "latest");
    return v == null
        ? r
        : decode("read versions of " + r.id(), () -> KindWire.withVersion(kind, r, v));
  }

  @Override
  public List<RemoteResource> versions(KindSpec kind, RemoteResource r, String range) {
    if (ScenarioResources.serves(kind)) {
      return scenarios.versions(r, range);
    }
    String op = "read versions of " + kind.kind().word() + " " + r.id();
    List<RemoteResource> out = new ArrayList<>();
    versionPages(
        Endpoint.of(kind.kind(), Endpoint.Op.VERSION_GET),
        op,
        List.of("simulation", kind.api().collection(), r.id(), "version", ""),
        "simulation_" + kind.kind().word() + "_versions",
        range,
        n -> {
          RemoteResource v = decode(op, () -> KindWire.withVersion(kind, r, n));
          Instant created = decode(op, () -> Wire.instant(n, "created_at"));
          out.add(
              new RemoteResource(
                  v.kind(),
                  v.id(),
                  v.name(),
                  v.tags(),
                  v.fields(),
                  created,
                  v.version(),
                  v.versionCreator()));
        });
    return out;
  }

  /** One version ({@code N} or {@code latest}), or null. */
  private JsonNode resourceVersion(KindSpec kind, String id, String which) {
    String op = "read versions of " + kind.kind().word() + " " + id;
    Query q = new Query().add("version", which).add("limit", "1").add("sort_by", "-version");
    JsonNode page;
    try {
      page =
          get(
              Endpoint.of(kind.kind(), Endpoint.Op.VERSION_GET),
              op,
              List.of("simulation", kind.api().collection(), id, "version", ""),
              q);
    } catch (ApiException.NotFound e) {
      return null;
    }
    List<JsonNode> items =
        new Paging(op, "simulation_" + kind.kind().word() + "_versions").items(page);
    return items.isEmpty() ? null : items.get(0);
  }

  @Override
  public String createResource(
      KindSpec kind,
      String name,
      Map<String, String> tags,
      Map<String, Object> fields,
      Function<Ref, String> ids) {
    if (ScenarioResources.serves(kind)) {
      return scenarios.create(name, tags, fields);
    }
    List<String> plain = new ArrayList<>();
    List<String> versioned = new ArrayList<>();
    for (FieldSpec f : kind.fields()) {
      (f.role() == FieldSpec.Role.VERSIONED ? versioned : plain).add(f.name());
    }
    ObjectNode body = KindWire.body(kind, plain, fields, ids);
    body.put("name", name);
    body.set("tags", Wire.tagsNode(tags));
    if (!versioned.isEmpty()) {
      body.set("initial_version", KindWire.body(kind, versioned, fields, ids));
    }
    String op = "create " + kind.kind().word() + " '" + name + "'";
    return readBackWhenLost(
        () ->
            createdId(
                send(
                    "POST",
                    Endpoint.of(kind.kind(), Endpoint.Op.CREATE),
                    op,
                    collection(kind),
                    new Query(),
                    body),
                kind.api().createdId(),
                op),
        () -> findCreatedResource(kind, name, tags, body, op));
  }

  /**
   * After a lost create: the live one with this name. Ours only when its content (the first
   * version's, for a versioned kind), its tags and its creator (the signed-in user) all match what
   * we sent, as for scenarios; someone else's otherwise (a conflict).
   */
  private Optional<String> findCreatedResource(
      KindSpec kind, String name, Map<String, String> tags, ObjectNode sent, String op) {
    String key = PyText.strip(name);
    for (JsonNode n : listNodes(kind, new Query().add("is_deleted", "false"))) {
      RemoteResource found = decode(op, () -> KindWire.resource(kind, n));
      if (!found.name().equals(key)) {
        continue;
      }
      UserRef creator = decode(op, () -> Wire.user(n.get("creator")));
      if (Tags.normalized(found.tags()).equals(Tags.normalized(tags))
          && creator != null
          && userId().equals(creator.userId())
          && sameContent(kind, found, sent, op)) {
        return Optional.of(found.id());
      }
      throw new ApiException.Conflict(
          op, "A " + kind.kind().word() + " with this name already exists.");
    }
    return Optional.empty();
  }

  /**
   * Whether a found resource holds what the create sent: the body read back through the same wire
   * reader as the remote, field by field (the first version's fields for a versioned kind).
   */
  private boolean sameContent(KindSpec kind, RemoteResource found, ObjectNode sent, String op) {
    ObjectNode item = sent.deepCopy();
    item.put("id", found.id());
    RemoteResource mine = KindWire.resource(kind, item);
    RemoteResource theirs = found;
    if (sent.has("initial_version")) {
      JsonNode first = resourceVersion(kind, found.id(), "1");
      if (first == null) {
        return false;
      }
      mine = KindWire.withVersion(kind, mine, sent.get("initial_version"));
      RemoteResource read = found;
      theirs = decode(op, () -> KindWire.withVersion(kind, read, first));
    }
    for (FieldSpec f : kind.fields()) {
      if (!java.util.Objects.equals(mine.fields().get(f.name()), theirs.fields().get(f.name()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void updateResource(
      KindSpec kind,
      String id,
      Collection<String> fieldNames,
      Map<String, Object> fields,
      Map<String, String> tags,
      Function<Ref, String> ids) {
    if (ScenarioResources.serves(kind)) {
      scenarios.update(id, fieldNames, tags);
      return;
    }
    ObjectNode body = KindWire.body(kind, fieldNames, fields, ids);
    if (tags != null) {
      body.set("tags", Wire.tagsNode(Tags.copyOf(tags)));
    }
    // A partial update with the same values is idempotent: after a lost answer, sent again.
    idempotent(
        () ->
            send(
                "POST",
                Endpoint.of(kind.kind(), Endpoint.Op.UPDATE),
                "update " + kind.kind().word() + " " + id,
                item(kind, id),
                new Query(),
                body));
  }

  @Override
  public int createResourceVersion(
      KindSpec kind, String id, Map<String, Object> fields, int expected) {
    if (ScenarioResources.serves(kind)) {
      return scenarios.createVersion(id, fields, expected);
    }
    List<String> versioned =
        kind.fields().stream()
            .filter(f -> f.role() == FieldSpec.Role.VERSIONED)
            .map(FieldSpec::name)
            .toList();
    ObjectNode body = KindWire.body(kind, versioned, fields, r -> r.id());
    String op = "create version " + expected + " of " + kind.kind().word() + " " + id;
    return readBackWhenLost(
        () ->
            createdVersion(
                send(
                    "POST",
                    Endpoint.of(kind.kind(), Endpoint.Op.VERSION_CREATE),
                    op,
                    List.of("simulation", kind.api().collection(), id, "version", ""),
                    new Query().add("version", String.valueOf(expected)),
                    body),
                expected),
        () -> {
          JsonNode mine = resourceVersion(kind, id, String.valueOf(expected));
          if (mine == null) {
            return Optional.empty();
          }
          RemoteResource probe =
              decode(
                  op,
                  () ->
                      KindWire.withVersion(
                          kind,
                          new RemoteResource(
                              kind.kind(), id, "", Map.of(), Map.of(), null, null, null),
                          mine));
          for (String f : versioned) {
            if (!java.util.Objects.equals(
                probe.fields().get(f),
                kind.field(f).orElseThrow().rule().normalize(fields.get(f)))) {
              throw notTheExpectedVersion(op);
            }
          }
          return Optional.of(expected);
        });
  }

  @Override
  public void deleteResource(KindSpec kind, String id) {
    if (ScenarioResources.serves(kind)) {
      scenarios.delete(id);
      return;
    }
    deleteOnce(
        Endpoint.of(kind.kind(), Endpoint.Op.DELETE),
        "delete " + kind.kind().word() + " " + id,
        item(kind, id),
        ApiException.NotFound.class);
  }

  // ---------------------------------------------------------------- unit test set runs

  private static final List<String> RUNS = List.of("simulation", "unit_test_set_run", "");
  private static final int RUN_PAGE = 50;

  /** Named in a message about a run the client cannot read. */
  private static final String RUN_LIST_PATH = " (GET simulation/unit_test_set_run/)";

  @Override
  public String startRun(String setId) {
    ObjectNode body = Wire.JSON.createObjectNode();
    body.put("simulation_unit_test_set_id", setId);
    String op = "start a run of unit test set " + setId;
    Instant started = Instant.now();
    boolean lost = false;
    for (int attempt = 1; ; attempt++) {
      try {
        JsonNode r = send("POST", Endpoint.RUN_CREATE, op, RUNS, new Query(), body);
        return decode(op, () -> RunWire.id(r, "simulation_unit_test_set_run_id"));
      } catch (TransportException e) {
        if (!e.outcomeUnknown()) {
          throw e;
        }
        lost = true;
        Optional<String> found = startedSince(setId, started);
        if (found.isPresent()) {
          return found.get();
        }
        if (attempt >= MAX_UNKNOWN) {
          throw e;
        }
      } catch (ApiException.Conflict e) {
        // After a lost answer, the unfinished run may be the one that request started.
        Optional<String> found = lost ? startedSince(setId, started) : Optional.empty();
        if (found.isPresent()) {
          return found.get();
        }
        throw e;
      }
    }
  }

  /** After a lost start: our unfinished run of the set created since the first attempt. */
  private Optional<String> startedSince(String setId, Instant started) {
    Instant horizon = started.minusSeconds(5); // the server's clock may lag ours a little
    for (SetRun run : runsOfSet(setId, false, true, 1)) {
      if (run.createdAt() != null && !run.createdAt().isBefore(horizon)) {
        return Optional.of(run.id());
      }
    }
    return Optional.empty();
  }

  @Override
  public List<SetRun> runs(Collection<String> ids) {
    List<SetRun> out = new ArrayList<>();
    List<String> all = List.copyOf(ids);
    for (int i = 0; i < all.size(); i += IDS_PER_REQUEST) {
      List<String> batch = all.subList(i, Math.min(all.size(), i + IDS_PER_REQUEST));
      String op = "read unit test set runs";
      pages(
          Endpoint.RUN_LIST,
          op,
          RUNS,
          "simulation_unit_test_set_runs",
          token -> {
            Query q = new Query().add("limit", String.valueOf(RUN_PAGE));
            batch.forEach(id -> q.add("id", id));
            return q.continuing(token);
          },
          n -> out.add(decode(op + RUN_LIST_PATH, () -> RunWire.run(n))));
    }
    return out;
  }

  @Override
  public List<SetRun> runsOfSet(String setId, Boolean completed, boolean mine, int limit) {
    String op = "read the runs of unit test set " + setId;
    Query q =
        new Query()
            .add("simulation_unit_test_set_id", setId)
            .add("sort_by", "-created_at")
            .add("limit", String.valueOf(Math.max(1, Math.min(RUN_PAGE, limit))));
    if (completed != null) {
      q.add("is_completed", String.valueOf(completed));
    }
    if (mine) {
      q.add("creator", organization() + "," + userId());
    }
    JsonNode page = get(Endpoint.RUN_LIST, op, RUNS, q);
    List<SetRun> out = new ArrayList<>();
    for (JsonNode n : new Paging(op, "simulation_unit_test_set_runs").items(page)) {
      out.add(decode(op + RUN_LIST_PATH, () -> RunWire.run(n)));
    }
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  @Override
  public void cancelRun(String id) {
    // a cancel whose answer was lost and that is sent again finds the run no longer in progress
    deleteOnce(
        Endpoint.RUN_CANCEL,
        "cancel unit test set run " + id,
        List.of("simulation", "unit_test_set_run", id, ""),
        ApiException.Conflict.class);
  }

  /**
   * A DELETE sent again (within {@link #idempotent}) when its answer was lost: then the error that
   * says it was already done ({@code doneByLost}: a 404 for a delete, a 409 for a cancel) means an
   * earlier, lost request did it. Without a lost request, that error is the answer.
   */
  private void deleteOnce(
      Endpoint endpoint, String op, List<String> path, Class<? extends ApiException> doneByLost) {
    boolean[] lostOnce = {false};
    idempotent(
        () -> {
          try {
            send("DELETE", endpoint, op, path, new Query(), null);
          } catch (TransportException e) {
            lostOnce[0] |= e.outcomeUnknown();
            throw e;
          } catch (ApiException e) {
            if (!lostOnce[0] || !doneByLost.isInstance(e)) {
              throw e;
            }
          }
        });
  }

  // ---------------------------------------------------------------- plumbing

  /** Query parameters in order, repeated keys allowed. */
  private static final class Query {
    final List<Map.Entry<String, String>> entries = new ArrayList<>();

    Query add(String k, String v) {
      entries.add(Map.entry(k, v));
      return this;
    }

    /** With the continuation token, when there is one (every page after the first). */
    Query continuing(String token) {
      return token == null ? this : add("continuation_token", token);
    }
  }

  /**
   * Turns the API's JSON into values; an answer of the wrong shape (a wrong type, a missing id) is
   * reported as what the API answered, never as an internal error.
   */
  private static <T> T decode(String op, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (ApiException e) {
      throw new ApiException.Unexpected(200, op, "the API answered " + e.detail());
    } catch (Wire.BadValue e) {
      throw new ApiException.Unexpected(
          200, op, "the API answered a value the client cannot read: " + e.getMessage());
    } catch (RuntimeException e) {
      throw new ApiException.Unexpected(
          200,
          op,
          "the API answered a value the client cannot read (a wrong type or a missing field: "
              + e.getClass().getSimpleName()
              + ")");
    }
  }

  private JsonNode get(Endpoint e, String op, List<String> path, Query q) {
    return send("GET", e, op, path, q, null);
  }

  private JsonNode send(
      String method, Endpoint e, String op, List<String> path, Query q, JsonNode body) {
    ApiCall.Response r =
        transport.execute(
            new ApiCall(
                method,
                e,
                op,
                path,
                q.entries,
                body == null ? null : Wire.bytes(body),
                true,
                Map.of()));
    if (r.body().length == 0) {
      return Wire.JSON.createObjectNode();
    }
    try {
      return Wire.JSON.readTree(r.body());
    } catch (RuntimeException ex) {
      throw new ApiException.Unexpected(r.status(), op, "the answer is not JSON");
    }
  }
}
