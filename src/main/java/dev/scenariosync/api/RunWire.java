package dev.scenariosync.api;

import dev.scenariosync.model.SetRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** Unit test set runs from the API's JSON; a wrong shape is an error, never a guess. */
final class RunWire {
  private static final Pattern ID = Pattern.compile("[a-f0-9]{24}");

  private RunWire() {}

  /** An id the tool may put in a path: 24 lowercase hex digits, as the spec's pattern says. */
  static String id(JsonNode n, String field) {
    String s = n.path(field).asString("");
    if (!ID.matcher(s).matches()) {
      throw new IllegalArgumentException("'" + field + "' is not a 24-digit hex id");
    }
    return s;
  }

  static SetRun run(JsonNode n) {
    List<SetRun.Spec> specs = new ArrayList<>();
    for (JsonNode s : array(n, "unit_test_run_specs")) {
      Map<String, String> metrics = new LinkedHashMap<>();
      for (JsonNode m : array(s, "metrics_to_evaluate")) {
        metrics.put(
            m.path("metric_id").asString(""), m.path("success_criterion_name").asString(""));
      }
      specs.add(
          new SetRun.Spec(
              id(s, "unit_test_id"),
              runCount(s.path("run_count").asInt(0)),
              version(s.get("scenario_version_info")),
              version(s.get("persona_version_info")),
              metrics));
    }
    List<SetRun.Result> results = new ArrayList<>();
    for (JsonNode r : array(n, "unit_test_run_results")) {
      if (r.isNull()) {
        results.add(null);
        continue;
      }
      Map<String, List<Boolean>> metrics = new LinkedHashMap<>();
      for (JsonNode m : array(r, "metric_evaluation_results")) {
        List<Boolean> outcomes = new ArrayList<>();
        for (JsonNode o : m.path("results")) {
          if (!o.isArray() || o.size() != 2 || !o.get(1).isBoolean()) {
            throw new IllegalArgumentException("a metric result is not [id, passed]");
          }
          outcomes.add(o.get(1).asBoolean());
        }
        metrics.put(m.path("metric_id").asString(""), outcomes);
      }
      List<String> errors = new ArrayList<>();
      for (JsonNode e : array(r, "run_errors")) {
        errors.add(e.isNull() ? null : e.asString(""));
      }
      results.add(new SetRun.Result(id(r, "unit_test_id"), metrics, errors));
    }
    return new SetRun(
        id(n, "id"),
        id(n, "simulation_unit_test_set_id"),
        bool(n, "is_completed"),
        bool(n, "failed_metrics"),
        bool(n, "errored"),
        createdAt(n),
        Wire.user(n.get("creator")),
        specs,
        results);
  }

  /** Required: a lost start is found again by it; a missing or odd one fails, named. */
  private static java.time.Instant createdAt(JsonNode n) {
    java.time.Instant at = Wire.instant(n, "created_at");
    if (at == null) {
      throw new Wire.BadValue("'created_at' is missing");
    }
    return at;
  }

  private static SetRun.VersionInfo version(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isArray() || v.size() != 2 || !v.get(1).isIntegralNumber()) {
      throw new IllegalArgumentException("a version info is not [id, version]");
    }
    return new SetRun.VersionInfo(v.get(0).asString(""), v.get(1).asInt());
  }

  private static boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isBoolean()) {
      throw new IllegalArgumentException("'" + field + "' is not a boolean");
    }
    return v.asBoolean();
  }

  private static Iterable<JsonNode> array(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw new IllegalArgumentException("'" + field + "' is not a list");
    }
    return v;
  }

  /** The API allows far fewer; a count beyond this would only spin the report's loops. */
  static final int MAX_RUN_COUNT = 10_000;

  private static int runCount(int n) {
    if (n < 0 || n > MAX_RUN_COUNT) {
      throw new IllegalArgumentException(
          "run_count " + n + " is not between 0 and " + MAX_RUN_COUNT);
    }
    return n;
  }
}
