package dev.scenariosync.emulator;

import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resource with numbered versions (scenarios and personas): created with an initial version,
 * updated in its tags only, deleted while no live unit test uses it, and given new versions (with
 * the {@code ?version=} expected-version guard) that get-versions lists; a subclass says how a
 * version's content is read and shown.
 */
abstract class VersionedResource<T extends Store.Versioned<V>, V extends Store.VersionBase>
    extends Resource<T> {

  /**
   * What versions add to a resource's description: the key of the get-versions answer, the requests
   * per minute of create-version and get-versions, and the unit-test field that references the
   * resource (a live unit test referencing it refuses its delete with {@code inUse}).
   */
  record Versioning(
      String key,
      int createLimit,
      int getLimit,
      Function<Store.UnitTest, String> reference,
      String inUse) {}

  private final Versioning versioning;

  VersionedResource(
      Store store,
      Names names,
      Page page,
      Limits limits,
      List<Filter<T>> filters,
      Versioning versioning) {
    super(store, names, Shape.OBJECT_TAGS, page, limits, filters);
    this.versioning = versioning;
  }

  abstract T newDocument();

  /** The create body's fields between {@code name} and {@code tags} (none by default). */
  void readFields(Invalid inv, JsonNode body, T t) {}

  /** A version's content, validated at {@code loc}. */
  abstract V readVersion(Invalid inv, JsonNode body, List<Object> loc);

  /** Adds a version's content to its JSON, after its number. */
  abstract void content(ObjectNode o, V v);

  @Override
  void routes(String base, Router router) {
    super.routes(base, router);
    String versions = base + names.path() + names.item() + "version/";
    String endpoint = names.endpoints() + "version_";
    router.route(versions, "POST", endpoint + "create", versioning.createLimit(), this::addVersion);
    router.route(versions, "GET", endpoint + "get", versioning.getLimit(), this::versions);
  }

  @Override
  final String inUse(Store.Org org, String id) {
    boolean used =
        org.unit_tests.stream()
            .anyMatch(u -> !u.is_deleted && versioning.reference().apply(u).equals(id));
    return used ? versioning.inUse() : null;
  }

  @Override
  final JsonNode create(Request r) {
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    T t = newDocument();
    t.name = Fields.stripped(inv, body, "name", List.of("body", "name"));
    readFields(inv, body, t);
    t.tags = shape.tags(inv, body, false);
    List<Object> loc = List.of("body", "initial_version");
    V initial =
        Fields.required(
            inv,
            body,
            "initial_version",
            loc,
            iv -> inv.requireObject(loc, iv) ? readVersion(inv, iv, loc) : null);
    inv.throwIfAny();
    return insert(r, t, org -> {}, (e, by) -> Versions.append(store, e, initial, 1, by));
  }

  /** Only {@code tags} can be updated; the content changes by new versions. */
  @Override
  final Patch<T> patch(Invalid inv, JsonNode body) {
    return new Patch<>();
  }

  /** Create version: the content at {@code body}, numbered latest + 1 (or 400 if not expected). */
  final JsonNode addVersion(Request r) {
    String id = Query.pathId(r, names.idField());
    Invalid inv = new Invalid();
    Integer expected = Versions.expected(inv, r);
    JsonNode body = r.json();
    V v = null;
    if (inv.requireObject(List.of("body"), body)) {
      v = readVersion(inv, body, List.of("body"));
    }
    inv.throwIfAny();
    V version = v;
    return store.write(
        r.org(),
        (org, seq) -> {
          T t = Store.live(documents(org), id, names.gone());
          int next = Versions.next(t, expected);
          Versions.append(store, t, version, next, r.user());
          ObjectNode out = Json.F.objectNode();
          out.put("version", next);
          return out;
        });
  }

  /** Get versions: a page of them, of a deleted document too. */
  final JsonNode versions(Request r) {
    String id = Query.pathId(r, names.idField());
    Versions.Page page = Versions.Page.read(r);
    return store.read(
        r.org(),
        org -> {
          T t = Store.find(documents(org), id);
          if (t == null) {
            throw ApiError.notFound(names.gone());
          }
          return page.answer(versioning.key(), t, v -> versionJson(r.org(), t, v));
        });
  }

  final ObjectNode versionJson(String org, T t, V v) {
    ObjectNode o = Json.F.objectNode();
    o.put("_id", v.id);
    o.put("org_id", org);
    o.put("created_at", v.created_at);
    o.put("updated_at", v.updated_at);
    o.put(names.idField(), t.id);
    o.put("version", v.version);
    content(o, v);
    o.set("creator", Json.user(v.creator));
    return o;
  }
}
