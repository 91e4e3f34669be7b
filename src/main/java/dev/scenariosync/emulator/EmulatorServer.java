package dev.scenariosync.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local, faithful emulator of Amigo's simulation API (scenarios, personas, unit tests, sets and
 * their runs) on a real HTTP server: the exact paths of the OpenAPI file (trailing slashes as
 * there), FastAPI's error shapes, sign-in with an API key, and optional latency, rate limits and
 * injected faults. It routes each request to one handler per resource and shares no code with the
 * client, so the two cannot share a bug.
 */
public final class EmulatorServer implements AutoCloseable {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
    // and the client's delayed ACK add ~40 ms to every answer. Read once, when the server loads.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  /**
   * A route: the spec's path template, its method, a name for its rate-limit window, the limit per
   * minute its 429 description documents, and the handler (a null answer is a 204).
   */
  record Route(
      String template,
      Pattern path,
      String method,
      String endpoint,
      int perMinute,
      Handler handler) {}

  @FunctionalInterface
  interface Handler {
    JsonNode handle(Request r);
  }

  /** One line of the request log: what was asked and what was answered. */
  public record Logged(String method, String path, String query, int status) {}

  private final EmulatorConfig config;
  private final Store store;
  private final Sessions sessions;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Route> routes = new ArrayList<>();
  private final RateLimits rateLimits;
  private final Random faults;
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
    this.sessions = new Sessions(config);
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
    defineRoutes(
        List.of(
            new Scenarios(store),
            new Personas(store),
            new UnitTests(store),
            new UnitTestSets(store)),
        new Runs(store, config.clock(), config.runDuration(), config.runSeed()));
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
    return sessions.issuedTokens();
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

  private void defineRoutes(List<Resource<?>> resources, Runs runs) {
    String sim = "/v1/{organization}/simulation/";
    route("/v1/{organization}/user/signin_with_api_key", "POST", "signin", 5, null);
    for (Resource<?> resource : resources) {
      resource.routes(
          sim,
          (template, method, endpoint, limit, h) ->
              route(template, method, endpoint, limit, h::apply));
    }
    String run = sim + "unit_test_set_run/";
    String oneRun = run + "{simulation_unit_test_set_run_id}/";
    route(run, "POST", "run_create", 20, runs::create);
    route(run, "GET", "run_list", 50, runs::list);
    route(oneRun, "DELETE", "run_cancel", 10, runs::cancel);
    route(oneRun + "artifacts/", "GET", "run_artifacts", 100, runs::artifacts);
  }

  private void route(String template, String method, String endpoint, int perMinute, Handler h) {
    String regex = "^" + template.replaceAll("\\{[^}]+}", "([^/]+)") + "$";
    routes.add(new Route(template, Pattern.compile(regex), method, endpoint, perMinute, h));
  }

  /** Every route this emulator serves (for the test that holds them to the spec). */
  List<Route> routes() {
    return List.copyOf(routes);
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

  /**
   * The largest request body read (1 MiB, far above any scenario the API takes): a larger one is
   * answered 413 before it is read whole, so one client cannot exhaust memory or hold a worker.
   */
  static final int MAX_REQUEST_BODY = 1 << 20;

  /** The request body, or null when it is larger than {@link #MAX_REQUEST_BODY}. */
  private static byte[] requestBody(HttpExchange ex) throws IOException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > MAX_REQUEST_BODY) {
          return null; // refused from the header, unread
        }
      } catch (NumberFormatException e) {
        // the server itself refuses a malformed length
      }
    }
    byte[] body = ex.getRequestBody().readNBytes(MAX_REQUEST_BODY + 1);
    return body.length > MAX_REQUEST_BODY ? null : body;
  }

  private int answer(HttpExchange ex) throws IOException {
    byte[] body = requestBody(ex);
    if (body == null) {
      // the rest is not read: the connection is closed after the answer
      ex.getResponseHeaders().set("Connection", "close");
      return send(ex, 413, detail("Request Entity Too Large"), Map.of());
    }
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
      long wait = rateLimits.admit(route.endpoint, route.perMinute, System.nanoTime());
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
        out = sessions.signIn(org, ex.getRequestHeaders()::getFirst);
        status = 200;
      } else {
        Store.User user =
            sessions.authenticate(ex.getRequestHeaders().getFirst("Authorization"), org);
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
