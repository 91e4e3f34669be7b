package dev.scenariosync.emulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The endpoints every named, tagged, soft-deleted resource has (create, list, search, partial
 * update, delete), written once over a small description of the resource: its {@link Names}, {@link
 * Shape}, list page, filters and rate limits, and the few hooks a subclass fills in (how a create
 * and an update body are read, its own fields, what a search matches, what refuses a delete).
 */
abstract class Resource<T extends Store.Listed> {

  /**
   * How the API names a resource: its path under {@code /v1/{organization}/simulation/}, its search
   * path, the one-document path (the path parameter {@code idField}, with or without a trailing
   * slash as the spec has it), the key of its list and search answers, the prefix of its rate-limit
   * windows, and the details of its 404 and its create's 409.
   */
  record Names(
      String path,
      String search,
      String item,
      String idField,
      String listKey,
      String endpoints,
      String gone,
      String duplicate) {
    Names {
      if (!item.equals("{" + idField + "}") && !item.equals("{" + idField + "}/")) {
        throw new IllegalArgumentException("the item path must name " + idField + ": " + item);
      }
    }
  }

  /** The requests per minute each endpoint's 429 description documents. */
  record Limits(int create, int list, int search, int update, int delete) {}

  /** The list endpoint's page: {@code limit}'s default and largest value. */
  record Page(int size, int max) {}

  /**
   * A repeated query filter of list and search ({@code persona_id=a&persona_id=b}: any value
   * matches), over the values {@code of} a document, which {@code filter_values} also lists under
   * the parameter's plural; {@code ids} filters take 24-hex values only (422 otherwise).
   */
  record Filter<T>(String param, boolean ids, Function<T, List<String>> of) {
    static <T> Filter<T> ids(String param, Function<T, List<String>> of) {
      return new Filter<>(param, true, of);
    }

    static <T> Filter<T> values(String param, Function<T, List<String>> of) {
      return new Filter<>(param, false, of);
    }
  }

  /** The two generations of documents in the spec: how tags are read and shown, and the layout. */
  enum Shape {
    /**
     * Scenario and persona documents: keys and values on the tag pattern, at most 20, shown as an
     * object; {@code {id, name, ..., tags, is_deleted, created_at, creator, updated_at,
     * updated_by}} in list and search alike.
     */
    OBJECT_TAGS,
    /**
     * Unit test and set documents: a plain map of string to string-or-null, shown as a list of
     * {@code {key, value}}; {@code {id, org_id, created_at, updated_at, name, ..., is_deleted,
     * tags, creator, updated_by}}, with {@code _id} for {@code id} in search.
     */
    LIST_TAGS;

    /** The body's {@code tags}: null when absent and {@code optional}, or invalid. */
    Map<String, String> tags(Invalid inv, JsonNode body, boolean optional) {
      List<Object> loc = List.of("body", "tags");
      return this == OBJECT_TAGS
          ? Fields.tags(inv, body, loc, optional)
          : Fields.plainTags(inv, body, loc, optional);
    }

    /** A document, with the resource's own {@code fields} after its name. */
    <T extends Store.Listed> ObjectNode json(
        String org, T t, boolean search, BiConsumer<ObjectNode, T> fields) {
      if (this == OBJECT_TAGS) {
        ObjectNode o = Json.F.objectNode();
        o.put("id", t.id);
        o.put("name", t.name);
        fields.accept(o, t);
        o.set("tags", Json.tagMap(t.tags));
        o.put("is_deleted", t.is_deleted);
        o.put("created_at", t.created_at);
        o.set("creator", Json.user(t.creator));
        o.put("updated_at", t.updated_at);
        o.set("updated_by", Json.user(t.updated_by));
        return o;
      }
      ObjectNode o = Json.document(search ? "_id" : "id", org, t);
      o.put("name", t.name);
      fields.accept(o, t);
      o.put("is_deleted", t.is_deleted);
      o.set("tags", Json.tagList(t.tags));
      o.set("creator", Json.user(t.creator));
      o.set("updated_by", Json.user(t.updated_by));
      return o;
    }
  }

  /** Where a resource's routes are registered (the server's route table); null answers are 204. */
  interface Router {
    void route(
        String template,
        String method,
        String endpoint,
        int perMinute,
        Function<Request, JsonNode> handler);
  }

  final Store store;
  final Names names;
  final Shape shape;
  private final Page page;
  private final Limits limits;
  private final List<Filter<T>> filters;

  Resource(
      Store store, Names names, Shape shape, Page page, Limits limits, List<Filter<T>> filters) {
    this.store = store;
    this.names = names;
    this.shape = shape;
    this.page = page;
    this.limits = limits;
    this.filters = List.copyOf(filters);
  }

  // ---------------------------------------------------------------- what a resource fills in

  /** The organization's documents of this resource, deleted ones included. */
  abstract List<T> documents(Store.Org org);

  /** A document's own fields, after its name (none by default). */
  void fields(ObjectNode o, T t) {}

  /** The texts a search's terms are looked for in. */
  abstract String[] searched(T t);

  abstract JsonNode create(Request r);

  /** The update body's fields other than {@code tags}, in the order the API validates them. */
  abstract Patch<T> patch(Invalid inv, JsonNode body);

  /** Why a live document cannot be deleted (a 400 detail), or null. */
  String inUse(Store.Org org, String id) {
    return null;
  }

  // ---------------------------------------------------------------- the endpoints

  /** Registers create, list, search, update and delete, in the spec's order. */
  void routes(String base, Router router) {
    String all = base + names.path();
    String one = all + names.item();
    router.route(all, "POST", names.endpoints() + "create", limits.create(), this::create);
    router.route(all, "GET", names.endpoints() + "list", limits.list(), this::list);
    router.route(
        all + names.search(), "GET", names.endpoints() + "search", limits.search(), this::search);
    router.route(one, "POST", names.endpoints() + "update", limits.update(), this::update);
    router.route(one, "DELETE", names.endpoints() + "delete", limits.delete(), this::delete);
  }

  /**
   * Adds a validated new document: the resource's {@code checks}, a 409 when a live document has
   * its name, then its id, creator and {@code first} update (a touch, or version 1), and answers
   * the new id.
   */
  final JsonNode insert(
      Request r, T t, Consumer<Store.Org> checks, BiConsumer<T, Store.User> first) {
    return store.write(
        r.org(),
        (org, seq) -> {
          checks.accept(org);
          if (nameTaken(org, t.name, null)) {
            throw new ApiError(409, names.duplicate());
          }
          t.id = store.newId();
          t.seq = seq;
          t.creator = r.user();
          first.accept(t, r.user());
          t.created_at = t.updated_at;
          documents(org).add(t);
          ObjectNode out = Json.F.objectNode();
          out.put(names.idField(), t.id);
          return out;
        });
  }

  /** Whether a live document other than {@code except} has this name. */
  final boolean nameTaken(Store.Org org, String name, String except) {
    return documents(org).stream()
        .anyMatch(e -> !e.is_deleted && e.name.equals(name) && !e.id.equals(except));
  }

  final JsonNode list(Request r) {
    Invalid inv = new Invalid();
    ListQuery<T> q = ListQuery.listed(inv, r, page.size(), page.max(), idParams());
    Predicate<T> filtered = filtered(r, q.ids());
    inv.throwIfAny();
    ListQuery<T> query = q.and(filtered);
    return store.read(
        r.org(),
        org -> {
          List<T> matched = query.select(documents(org));
          ObjectNode out =
              Json.page(
                  names.listKey(),
                  matched,
                  q.offset(),
                  q.limit(),
                  t -> shape.json(r.org(), t, false, this::fields));
          ObjectNode fv = Json.filterValuesWithTags(out, q.firstPage(), matched);
          if (fv != null) {
            for (Filter<T> f : filters) {
              Json.strings(
                  fv.putArray(f.param() + "s"),
                  matched.stream().flatMap(t -> f.of().apply(t).stream()).toList());
            }
          }
          return out;
        });
  }

  final JsonNode search(Request r) {
    Invalid inv = new Invalid();
    List<String> terms = Query.searchTerms(inv, r);
    Predicate<Store.Entry> creators = Query.creatorFilter(inv, r);
    Predicate<Store.Listed> tagged = Query.tagFilter(inv, r);
    Predicate<T> filtered = filtered(r, IdFilters.read(inv, r, idParams()));
    inv.throwIfAny();
    return store.read(
        r.org(),
        org -> {
          ObjectNode out = Json.F.objectNode();
          ArrayNode items = out.putArray(names.listKey());
          Query.top(
                  documents(org),
                  t -> creators.test(t) && tagged.test(t) && filtered.test(t),
                  t -> Query.score(terms, searched(t)))
              .forEach(t -> items.add(shape.json(r.org(), t, true, this::fields)));
          return out;
        });
  }

  private String[] idParams() {
    return filters.stream().filter(Filter::ids).map(Filter::param).toArray(String[]::new);
  }

  /**
   * The resource's filters as this request sets them (id filters already read into {@code ids}).
   */
  private Predicate<T> filtered(Request r, IdFilters ids) {
    List<List<String>> wanted = new ArrayList<>();
    for (Filter<T> f : filters) {
      wanted.add(f.ids() ? ids.ids().get(f.param()) : r.all(f.param()));
    }
    return t -> {
      for (int i = 0; i < filters.size(); i++) {
        List<String> w = wanted.get(i);
        if (!w.isEmpty() && filters.get(i).of().apply(t).stream().noneMatch(w::contains)) {
          return false;
        }
      }
      return true;
    };
  }

  /**
   * A partial update: the fields sent with a value and {@code tags} are set, after the patch's
   * checks; the document is touched only when something was set.
   */
  final JsonNode update(Request r) {
    String id = Query.pathId(r, names.idField());
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    Patch<T> patch = patch(inv, body);
    patch.set(shape.tags(inv, body, true), (t, v) -> t.tags = v);
    inv.throwIfAny();
    return store.write(
        r.org(),
        (org, seq) -> {
          T t = Store.live(documents(org), id, names.gone());
          patch.check(org, id);
          if (patch.applyTo(t)) {
            store.touch(t, r.user());
          }
          return null;
        });
  }

  /** A soft delete, refused (400) while the document is {@link #inUse}. */
  final JsonNode delete(Request r) {
    String id = Query.pathId(r, names.idField());
    return store.write(
        r.org(),
        (org, seq) -> {
          T t = Store.live(documents(org), id, names.gone());
          String refusal = inUse(org, id);
          if (refusal != null) {
            throw new ApiError(400, refusal);
          }
          t.is_deleted = true;
          store.touch(t, r.user());
          return null;
        });
  }

  /** A validated partial update: what to set, and what must hold (under the lock) before. */
  static final class Patch<T> {
    private final List<Consumer<T>> changes = new ArrayList<>();
    private final List<BiConsumer<Store.Org, String>> checks = new ArrayList<>();

    /** Sets {@code value} with {@code field} unless it is null (not sent, or sent as null). */
    <V> Patch<T> set(V value, BiConsumer<T, V> field) {
      if (value != null) {
        changes.add(t -> field.accept(t, value));
      }
      return this;
    }

    /** A change that also sets a null. */
    Patch<T> change(Consumer<T> change) {
      changes.add(change);
      return this;
    }

    /** A check of the organization (and the document's id) that throws the API's error. */
    Patch<T> check(BiConsumer<Store.Org, String> check) {
      checks.add(check);
      return this;
    }

    void check(Store.Org org, String id) {
      checks.forEach(c -> c.accept(org, id));
    }

    /** Applies the changes; whether there were any. */
    boolean applyTo(T t) {
      changes.forEach(c -> c.accept(t));
      return !changes.isEmpty();
    }
  }
}
