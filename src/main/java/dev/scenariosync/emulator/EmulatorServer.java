package dev.scenariosync.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local, faithful emulator of Amigo's simulation-scenario API on a real HTTP server: the exact
 * paths of the OpenAPI file (trailing slashes included), FastAPI's error shapes, sign-in with an
 * API key, and optional latency, rate limits and injected faults. It shares no code with the
 * client, so the two cannot share a bug.
 */
public final class EmulatorServer implements AutoCloseable {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
    // and the client's delayed ACK add ~40 ms to every answer. Read once, when the server loads.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final String ORG = "/v1/([^/]+)";

  private record Route(Pattern path, String method, String endpoint, Handler handler) {}

  @FunctionalInterface
  private interface Handler {
    JsonNode handle(Request r);
  }

  /** A signed-in session behind a token. */
  private record Session(String org, Store.User user, Instant expiresAt) {}

  /** One line of the request log: what was asked and what was answered. */
  public record Logged(String method, String path, String query, int status) {}

  private final EmulatorConfig config;
  private final Store store;
  private final Endpoints endpoints;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Route> routes = new ArrayList<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final RateLimits rateLimits;
  private final Random faults;
  private final SecureRandom random = new SecureRandom();
  private final List<Logged> log = new ArrayList<>();

  private EmulatorServer(EmulatorConfig config) throws IOException {
    this.config = config;
    this.store = new Store(config.organizations(), config.stateFile());
    try {
      this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
    } catch (IOException | RuntimeException e) {
      store.abandon(); // an emulator that never started keeps no lock on the state file
      throw e;
    }
    this.endpoints = new Endpoints(store);
    this.faults = new Random(config.faultSeed());
    this.rateLimits = new RateLimits(config.rateLimitWindow());
    this.executor =
        Executors.newFixedThreadPool(
            32,
            r -> {
              Thread t = new Thread(r, "emulator-http");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    defineRoutes();
  }

  /** Starts an emulator; the state file, if any, is read first (a corrupt one is refused). */
  public static EmulatorServer start(EmulatorConfig config) throws IOException {
    EmulatorServer s = new EmulatorServer(config);
    s.server.start();
    return s;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public String baseUrl() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
  }

  /** Every token this emulator issued (for tests that prove no token leaks anywhere). */
  public java.util.Set<String> issuedTokens() {
    return java.util.Set.copyOf(sessions.keySet());
  }

  /** Every request answered so far, in order. */
  public List<Logged> requests() {
    synchronized (log) {
      return List.copyOf(log);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
    store.close();
  }

  private void defineRoutes() {
    String scenarios = ORG + "/simulation/scenario/";
    String one = scenarios + "([^/]+)/";
    route(ORG + "/user/signin_with_api_key", "POST", "signin", null);
    route(scenarios, "POST", "create", endpoints::createScenario);
    route(scenarios, "GET", "list", endpoints::listScenarios);
    route(scenarios + "search", "GET", "search", endpoints::searchScenarios);
    route(
        one,
        "POST",
        "update",
        r -> {
          endpoints.updateScenario(r);
          return null;
        });
    route(
        one,
        "DELETE",
        "delete",
        r -> {
          endpoints.deleteScenario(r);
          return null;
        });
    route(one + "version/", "POST", "version_create", endpoints::createVersion);
    route(one + "version/", "GET", "version_get", endpoints::getVersions);
    route(ORG + "/simulation/unit_test/", "POST", "unit_test_create", endpoints::createUnitTest);
    route(ORG + "/simulation/unit_test/", "GET", "unit_test_list", endpoints::listUnitTests);
    route(
        ORG + "/simulation/unit_test/([^/]+)/",
        "DELETE",
        "unit_test_delete",
        r -> {
          endpoints.deleteUnitTest(r);
          return null;
        });
  }

  private void route(String path, String method, String endpoint, Handler handler) {
    routes.add(new Route(Pattern.compile("^" + path + "$"), method, endpoint, handler));
  }

  private static final int LOST = -1;

  private void serve(HttpExchange ex) throws IOException {
    try (ex) {
      answer(ex);
    }
  }

  /** Logged before the answer leaves, so that a client never sees an answer the log lacks. */
  private void record(HttpExchange ex, int status) {
    URIParts parts = new URIParts(ex);
    synchronized (log) {
      log.add(new Logged(ex.getRequestMethod(), parts.path, parts.query, status));
    }
  }

  private record URIParts(String path, String query) {
    URIParts(HttpExchange ex) {
      this(ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery());
    }
  }

  private int answer(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    if (config.latencyMs() > 0) {
      try {
        Thread.sleep(config.latencyMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String method = ex.getRequestMethod();
    String path = ex.getRequestURI().getRawPath();
    Route route = null;
    Matcher match = null;
    boolean pathKnown = false;
    for (Route r : routes) {
      Matcher m = r.path.matcher(path);
      if (m.matches()) {
        pathKnown = true;
        if (r.method.equals(method)) {
          route = r;
          match = m;
          break;
        }
      }
    }
    if (route == null) {
      return send(
          ex,
          pathKnown ? 405 : 404,
          detail(pathKnown ? "Method Not Allowed" : "Not Found"),
          Map.of());
    }
    String org = decode(match.group(1));
    String pathId = match.groupCount() >= 2 ? decode(match.group(2)) : null;

    Fault fault =
        scripted(failures, route.endpoint)
            ? Fault.UNAVAILABLE
            : scripted(losses, route.endpoint) ? Fault.LOST : nextFault(method);
    if (fault == Fault.UNAVAILABLE) {
      return send(
          ex,
          503,
          detail("The service is going through temporary maintenance."),
          retryAfter(config.faultRetryAfterSeconds()));
    }
    if (fault == Fault.THROTTLED) {
      return send(
          ex, 429, detail("Too many requests."), retryAfter(config.faultRetryAfterSeconds()));
    }
    if (config.rateLimits()) {
      long wait = rateLimits.admit(route.endpoint, System.nanoTime());
      if (wait > 0) {
        return send(
            ex,
            429,
            detail("The user has exceeded the rate limit for this endpoint."),
            retryAfter(wait));
      }
    }
    int status;
    JsonNode out;
    try {
      if (!store.hasOrg(org)) {
        throw ApiError.notFound("Specified organization is not found.");
      }
      if (route.endpoint.equals("signin")) {
        out = signIn(ex, org);
        status = 200;
      } else {
        Store.User user = authenticate(ex, org);
        Request request =
            new Request(method, org, pathId, query(ex.getRequestURI().getRawQuery()), body, user);
        out = route.handler.handle(request);
        status = out == null ? 204 : method.equals("POST") ? 201 : 200;
      }
    } catch (ApiError e) {
      ObjectNode err = F.objectNode();
      err.set("detail", e.detail);
      return send(ex, e.status, err, Map.of());
    } catch (RuntimeException e) {
      return send(ex, 500, detail("Internal Server Error"), Map.of());
    }
    if (fault == Fault.LOST) {
      // The change is made; the answer never arrives. A client must find out by reading back.
      record(ex, LOST);
      return LOST;
    }
    return send(ex, status, out, Map.of());
  }

  private enum Fault {
    NONE,
    UNAVAILABLE,
    THROTTLED,
    LOST
  }

  private final Map<String, Integer> losses = new HashMap<>();

  /**
   * Loses the answers of the next {@code times} calls to this endpoint (as the emulator names it,
   * e.g. {@code create}): the change is made, the answer never arrives. For tests of read-backs.
   */
  public void loseAnswers(String endpoint, int times) {
    synchronized (losses) {
      losses.put(endpoint, times);
    }
  }

  private final Map<String, Integer> failures = new HashMap<>();

  /** Answers the next {@code times} calls to this endpoint 503, changing nothing. For tests. */
  public void failAnswers(String endpoint, int times) {
    synchronized (failures) {
      failures.put(endpoint, times);
    }
  }

  private static boolean scripted(Map<String, Integer> script, String endpoint) {
    synchronized (script) {
      Integer n = script.get(endpoint);
      if (n == null || n <= 0) {
        return false;
      }
      script.put(endpoint, n - 1);
      return true;
    }
  }

  private Fault nextFault(String method) {
    if (config.faultRate() <= 0) {
      return Fault.NONE;
    }
    synchronized (faults) {
      if (faults.nextDouble() >= config.faultRate()) {
        return Fault.NONE;
      }
      int kinds = method.equals("POST") ? 3 : 2;
      return switch (faults.nextInt(kinds)) {
        case 0 -> Fault.UNAVAILABLE;
        case 1 -> Fault.THROTTLED;
        default -> Fault.LOST;
      };
    }
  }

  private JsonNode signIn(HttpExchange ex, String org) {
    Invalid inv = new Invalid();
    String key = header(ex, "x-api-key", inv);
    String keyId = header(ex, "x-api-key-id", inv);
    String user = header(ex, "x-user-id", inv);
    inv.throwIfAny();
    if (!config.apiKey().equals(key)
        || !config.apiKeyId().equals(keyId)
        || !config.userId().equals(user)) {
      throw new ApiError(
          401, "API key not found, is incorrect, or the requested user is not found.");
    }
    Instant expires = Instant.now().plus(config.tokenTtl()).truncatedTo(ChronoUnit.MICROS);
    String token = newToken(org, user, expires);
    sessions.put(token, new Session(org, new Store.User(org, user), expires));
    ObjectNode out = F.objectNode();
    out.put("id_token", token);
    out.put("expires_at", expires.toString());
    return out;
  }

  private static String header(HttpExchange ex, String name, Invalid inv) {
    String v = ex.getRequestHeaders().getFirst(name);
    if (v == null) {
      inv.missing(List.of("header", name), null);
    }
    return v;
  }

  /** A JWT-shaped token: a header, the claims, and a random signature the emulator remembers. */
  private String newToken(String org, String user, Instant expires) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String head =
        b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    String claims =
        b64.encodeToString(
            ("{\"org\":\""
                    + org
                    + "\",\"sub\":\""
                    + user
                    + "\",\"exp\":"
                    + expires.getEpochSecond()
                    + "}")
                .getBytes(StandardCharsets.UTF_8));
    byte[] sig = new byte[32];
    random.nextBytes(sig);
    return head + "." + claims + "." + b64.encodeToString(sig);
  }

  private Store.User authenticate(HttpExchange ex, String org) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      Session s = sessions.get(auth.substring(7).trim());
      if (s != null && s.org.equals(org) && Instant.now().isBefore(s.expiresAt)) {
        return s.user;
      }
    }
    throw new ApiError(401, "Invalid authorization credentials.");
  }

  private static Map<String, String> retryAfter(long seconds) {
    return Map.of("Retry-After", Long.toString(seconds));
  }

  private static ObjectNode detail(String message) {
    ObjectNode o = F.objectNode();
    o.put("detail", message);
    return o;
  }

  private int send(HttpExchange ex, int status, JsonNode body, Map<String, String> headers)
      throws IOException {
    headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    record(ex, status);
    if (status == 204 || body == null) {
      ex.sendResponseHeaders(status, -1);
      return status;
    }
    byte[] bytes = Store.JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream os = ex.getResponseBody()) {
      os.write(bytes);
    }
    return status;
  }

  /** Query parameters as Starlette reads them: repeated keys kept in order, '+' as a space. */
  static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = decodeForm(eq < 0 ? pair : pair.substring(0, eq));
      String v = eq < 0 ? "" : decodeForm(pair.substring(eq + 1));
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  private static String decodeForm(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }
}
