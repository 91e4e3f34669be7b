// Helpers for bench/run.sh, run with the JDK's source launcher (not part of the build):
//   java Bench.java generate DIR N           N scenario files
//   java Bench.java suite DIR S P U T        S scenarios, P personas, U unit tests, T sets
//   java Bench.java touch DIR PERCENT        change the instructions of PERCENT % of them
//   java Bench.java naive BASE_URL ORG       the same reads as a plan, one at a time
//   java Bench.java floor CALLS LIMIT        seconds the documented limit needs for CALLS calls
// The naive client uses the JDK's HTTP client, not scenario-sync's: it is the reference.

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class Bench {
  public static void main(String[] a) throws Exception {
    switch (a[0]) {
      case "generate" -> generate(Path.of(a[1]), Integer.parseInt(a[2]));
      case "suite" ->
          suite(
              Path.of(a[1]),
              Integer.parseInt(a[2]),
              Integer.parseInt(a[3]),
              Integer.parseInt(a[4]),
              Integer.parseInt(a[5]));
      case "touch" -> touch(Path.of(a[1]), Integer.parseInt(a[2]));
      case "change" -> change(Path.of(a[1]), Integer.parseInt(a[2]));
      case "naive" -> naive(a[1], a[2]);
      case "floor" -> System.out.println(floor(Integer.parseInt(a[1]), Integer.parseInt(a[2])));
      default -> throw new IllegalArgumentException(a[0]);
    }
  }

  static void generate(Path dir, int n) throws Exception {
    String[] types = {"user-message", "external-event", "skip"};
    for (int i = 0; i < n; i++) {
      Path f = dir.resolve("d" + (i % 50)).resolve("scenario-" + i + ".yaml");
      Files.createDirectories(f.getParent());
      Files.writeString(f, """
          # yaml-language-server: $schema=../../schemas/scenario.schema.json
          name: Benchmark scenario %d
          tags:
            suite: bench
            shard: s%d
            owner: null
          objective: The caller wants help with request number %d.
          instructions: |
            You are caller %d. Explain the problem in two sentences.
            Accept the first reasonable solution the agent offers.
            If asked, your account number is %08d.
          initial_message_type: %s
          """.formatted(i, i % 10, i, i, i * 7919L, types[i % 3]), StandardCharsets.UTF_8);
    }
  }

  /** A whole suite: each unit test uses a persona and a scenario by name; each set 25 tests. */
  static void suite(Path dir, int scenarios, int personas, int tests, int sets) throws Exception {
    generate(dir.resolve("scenarios"), scenarios);
    StringBuilder p = new StringBuilder();
    for (int i = 0; i < personas; i++) {
      p.append("""
          ---
          kind: persona
          name: Benchmark persona %d
          role: caller
          tags: {suite: bench}
          background: Caller number %d, polite and brief.
          preferred_language: eng
          timezone: Europe/Paris
          nonsensitive_user_variables: {account: "%08d"}
          """.formatted(i, i, i * 31L));
    }
    Files.createDirectories(dir.resolve("suite"));
    Files.writeString(dir.resolve("suite/personas.yaml"), p.toString(), StandardCharsets.UTF_8);
    StringBuilder u = new StringBuilder();
    for (int i = 0; i < tests; i++) {
      u.append("""
          ---
          kind: unit_test
          name: Benchmark unit test %d
          description: Scenario %d with persona %d.
          service_id: 65f0a1b2c3d4e5f60718293a
          service_version_set_name: release
          persona: Benchmark persona %d
          scenario: Benchmark scenario %d
          max_interactions: 10
          success_criteria:
            - name: resolved
              metric_id: 65f0a1b2c3d4e5f60718293b
              criterion: {type: boolean, expected_value: true}
          tags: {suite: bench}
          """.formatted(i, i % scenarios, i % personas, i % personas, i % scenarios));
    }
    Files.writeString(dir.resolve("suite/unit-tests.yaml"), u.toString(), StandardCharsets.UTF_8);
    StringBuilder t = new StringBuilder();
    for (int i = 0; i < sets; i++) {
      t.append("---\nkind: unit_test_set\nname: Benchmark set %d\nunit_tests:\n".formatted(i));
      for (int j = 0; j < 25; j++) {
        t.append("  - {name: Benchmark unit test %d, run_count: 1}\n".formatted((i * 25 + j) % tests));
      }
    }
    Files.writeString(dir.resolve("suite/sets.yaml"), t.toString(), StandardCharsets.UTF_8);
  }

  static void touch(Path dir, int percent) throws Exception {
    List<Path> files;
    try (var s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    int every = Math.max(1, 100 / percent);
    for (int i = 0; i < files.size(); i += every) {
      Path f = files.get(i);
      Files.writeString(f, Files.readString(f).replace("two sentences", "three sentences"));
    }
  }

  /** Changes exactly k scenario files (the first k in path order): a small pull request. */
  static void change(Path dir, int k) throws Exception {
    List<Path> files;
    try (var s = Files.walk(dir)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().limit(k).toList();
    }
    for (Path f : files) {
      Files.writeString(f, Files.readString(f).replace("two sentences", "three sentences"));
    }
  }

  /** What a plan reads, one call at a time: sign in, every list page, each latest version. */
  static void naive(String base, String org) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String env = System.getenv("AMIGO_API_KEY");
    HttpRequest signIn = HttpRequest.newBuilder(URI.create(base + "/v1/" + org + "/user/signin_with_api_key"))
        .header("x-api-key", env).header("x-api-key-id", System.getenv("AMIGO_API_KEY_ID")).header("x-user-id", System.getenv("AMIGO_USER_ID"))
        .POST(HttpRequest.BodyPublishers.noBody()).build();
    String token = field(http.send(signIn, HttpResponse.BodyHandlers.ofString()).body(), "id_token");
    int calls = 1;
    List<String> ids = new ArrayList<>();
    int offset = 0;
    while (true) {
      String page = get(http, token, base + "/v1/" + org + "/simulation/scenario/?is_deleted=false&limit=200&continuation_token=" + offset);
      calls++;
      Matcher m = Pattern.compile("\"id\":\"([a-f0-9]{24})\"").matcher(page);
      while (m.find()) {
        ids.add(m.group(1));
      }
      if (!page.contains("\"has_more\":true")) {
        break;
      }
      offset += 200;
    }
    for (String id : ids) {
      get(http, token, base + "/v1/" + org + "/simulation/scenario/" + id + "/version/?version=latest");
      calls++;
    }
    System.out.println("naive: " + calls + " calls for " + ids.size() + " scenarios");
  }

  static String get(HttpClient http, String token, String url) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(url + " -> " + r.statusCode());
    }
    return r.body();
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + name);
    }
    return m.group(1);
  }

  /**
   * The rate-limit floor: the API counts calls per endpoint over a sliding minute, so the first
   * LIMIT calls may go at once and every further LIMIT needs one more minute.
   */
  static long floor(int calls, int limit) {
    return calls <= limit ? 0 : (long) Math.ceil((double) (calls - limit) / limit) * 60;
  }
}
