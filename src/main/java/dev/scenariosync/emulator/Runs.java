package dev.scenariosync.emulator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The unit-test-set-run endpoints and a deterministic run engine behind them. A run fixes, when it
 * starts, the scenario and persona versions each unit test uses and every result; the unit tests
 * then finish one after another over the configured run duration (by the emulator's clock), so a
 * run reads as in progress, then completed. The rule that decides results is in the README.
 */
final class Runs {
  /**
   * The largest {@code run_count} the emulator takes (422 above it). The API documents no maximum;
   * a run simulates that many sessions, so the emulator bounds it rather than let one set exhaust
   * its memory (the client reads no run with more either).
   */
  static final int MAX_RUN_COUNT = 10_000;

  static final String GONE =
      "The specified organization or simulation unit test set run was not found.";

  /** In a scenario version's instructions: every session of a unit test on it fails. */
  static final String FAIL_MARKER = "[[emulator:fail]]";

  /** In a scenario version's instructions: every session of a unit test on it errors. */
  static final String ERROR_MARKER = "[[emulator:error]]";

  /** In a unit test's description: the share of sessions that pass, e.g. {@code =0.7}. */
  private static final Pattern PASS_RATE =
      Pattern.compile("\\[\\[emulator:pass_rate=([01](?:\\.\\d+)?)]]");

  private final Store store;
  private final Clock clock;
  private final Duration duration;
  private final long seed;

  Runs(Store store, Clock clock, Duration duration, long seed) {
    this.store = store;
    this.clock = clock;
    this.duration = duration;
    this.seed = seed;
  }

  JsonNode create(Request r) {
    JsonNode body = Fields.body(r);
    Invalid inv = new Invalid();
    String setId =
        Fields.objectId(
            inv,
            body,
            "simulation_unit_test_set_id",
            List.of("body", "simulation_unit_test_set_id"));
    inv.throwIfAny();
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.UnitTestSet set =
              Store.live(
                  org.unit_test_sets,
                  setId,
                  "The specified organization or simulation unit test set was not found.");
          Instant now = now();
          boolean busy =
              org.unit_test_set_runs.stream()
                  .anyMatch(
                      run ->
                          run.simulation_unit_test_set_id.equals(setId)
                              && run.creator.key().equals(r.user().key())
                              && !completed(run, now));
          if (busy) {
            throw new ApiError(
                409, "The user already has an unfinished run for this simulation unit test set.");
          }
          Store.SetRun run = new Store.SetRun();
          run.id = store.newId();
          run.seq = seq;
          run.simulation_unit_test_set_id = setId;
          run.creator = r.user();
          run.created_at = Fields.millis(now);
          run.completes_at = Fields.millis(now.plus(duration));
          ArrayNode specs = Json.F.arrayNode();
          ArrayNode results = Json.F.arrayNode();
          for (Store.UnitTestRun u : set.unit_test_runs) {
            Store.UnitTest t = Store.find(org.unit_tests, u.unit_test_id);
            Store.Scenario scenario = Store.find(org.scenarios, t.scenario_id);
            Store.Persona persona = Store.find(org.personas, t.persona_id);
            specs.add(spec(t, u.run_count, scenario, persona));
            long ordinal =
                org.unit_test_set_runs.stream()
                    .filter(
                        earlier ->
                            earlier
                                .unit_test_run_specs
                                .findValuesAsString("unit_test_id")
                                .contains(t.id))
                    .count();
            results.add(evaluate(t, u.run_count, scenario, ordinal));
          }
          run.unit_test_run_specs = specs;
          run.unit_test_run_results = results;
          org.unit_test_set_runs.add(run);
          set.last_triggered_run_id = run.id;
          ObjectNode out = Json.F.objectNode();
          out.put("simulation_unit_test_set_run_id", run.id);
          return out;
        });
  }

  JsonNode list(Request r) {
    Invalid inv = new Invalid();
    ListQuery<Store.SetRun> q =
        ListQuery.<Store.SetRun>of(
            inv, r, 50, 50, "created_at", run -> run.created_at, "simulation_unit_test_set_id");
    Boolean completed = Query.boolParam(inv, r, "is_completed");
    Boolean failed = Query.boolParam(inv, r, "failed_metrics");
    Boolean errored = Query.boolParam(inv, r, "errored");
    Instant after = Query.dateParam(inv, r, "created_after");
    Instant before = Query.dateParam(inv, r, "created_before");
    inv.throwIfAny();
    return store.read(
        r.org(),
        org -> {
          Instant now = now();
          List<Store.SetRun> matched =
              q.and(
                      run ->
                          q.ids()
                              .in("simulation_unit_test_set_id", run.simulation_unit_test_set_id))
                  .and(
                      run -> {
                        State s = state(run, now);
                        Instant created = Instant.parse(run.created_at);
                        return (completed == null || s.completed == completed)
                            && (failed == null || s.failedMetrics == failed)
                            && (errored == null || s.errored == errored)
                            && (after == null || !created.isBefore(after))
                            && (before == null || !created.isAfter(before));
                      })
                  .select(org.unit_test_set_runs);
          ObjectNode out =
              Json.page(
                  "simulation_unit_test_set_runs",
                  matched,
                  q.offset(),
                  q.limit(),
                  run -> json(r.org(), run, now));
          ObjectNode fv = Json.filterValues(out, q.firstPage(), matched);
          if (fv != null) {
            Json.strings(
                fv.putArray("simulation_unit_test_set_ids"),
                matched.stream().map(run -> run.simulation_unit_test_set_id).toList());
            fv.putArray("tags");
          }
          return out;
        });
  }

  JsonNode cancel(Request r) {
    String id = Query.pathId(r, "simulation_unit_test_set_run_id");
    return store.write(
        r.org(),
        (org, seq) -> {
          Store.SetRun run = Store.find(org.unit_test_set_runs, id);
          if (run == null) {
            throw ApiError.notFound(GONE);
          }
          Instant now = now();
          if (completed(run, now)) {
            throw new ApiError(409, "The simulation unit test set run is not in progress.");
          }
          run.cancelled_at = Fields.millis(now);
          return null;
        });
  }

  JsonNode artifacts(Request r) {
    String id = Query.pathId(r, "simulation_unit_test_set_run_id");
    return store.read(
        r.org(),
        org -> {
          Store.SetRun run = Store.find(org.unit_test_set_runs, id);
          if (run == null) {
            throw ApiError.notFound("Specified organization or unit test set run is not found.");
          }
          Instant now = now();
          if (!state(run, now).artifacts) {
            throw new ApiError(
                400, "The artifacts for the unit test set run are not yet available for retrieval");
          }
          ObjectNode out = Json.F.objectNode();
          out.put(
              "presigned_url",
              "https://artifacts.emulator.invalid/" + r.org() + "/" + run.id + ".zip");
          out.put("url_expires_at", Fields.millis(now.plus(Duration.ofHours(1))));
          return out;
        });
  }

  // ---------------------------------------------------------------- the engine

  private Instant now() {
    return clock.instant();
  }

  /** What a run looks like at a moment: which results are in, and the flags they give. */
  private record State(
      boolean completed,
      boolean cancelled,
      boolean failedMetrics,
      boolean errored,
      boolean artifacts,
      ArrayNode results) {}

  private static boolean completed(Store.SetRun run, Instant now) {
    return run.cancelled_at != null || !now.isBefore(Instant.parse(run.completes_at));
  }

  /**
   * Unit test {@code i} of {@code n} finishes at {@code created + duration * (i + 1) / n}; a
   * cancelled run keeps what had finished when it was cancelled (the rest stay null).
   */
  private static State state(Store.SetRun run, Instant now) {
    boolean cancelled = run.cancelled_at != null;
    Instant at = cancelled ? Instant.parse(run.cancelled_at) : now;
    Instant created = Instant.parse(run.created_at);
    long total = Duration.between(created, Instant.parse(run.completes_at)).toMillis();
    int n = run.unit_test_run_results.size();
    ArrayNode results = Json.F.arrayNode();
    boolean failed = false;
    boolean errored = cancelled;
    for (int i = 0; i < n; i++) {
      Instant done = created.plusMillis(total * (i + 1) / n);
      if (at.isBefore(done)) {
        results.addNull();
        continue;
      }
      JsonNode result = run.unit_test_run_results.get(i);
      results.add(result);
      for (JsonNode metric : result.get("metric_evaluation_results")) {
        for (JsonNode outcome : metric.get("results")) {
          failed |= !outcome.get(1).asBoolean();
        }
      }
      for (JsonNode error : result.get("run_errors")) {
        errored |= !error.isNull();
      }
    }
    boolean completed = completed(run, now);
    return new State(completed, cancelled, failed, errored, completed && !cancelled, results);
  }

  private static ObjectNode spec(
      Store.UnitTest t, int runCount, Store.Scenario scenario, Store.Persona persona) {
    ObjectNode o = Json.F.objectNode();
    o.put("unit_test_id", t.id);
    o.put("run_count", runCount);
    // the emulator keeps no services or agents: version 1 of the unit test's service stands in
    o.putArray("service_hierarchical_state_machine_version_info").add(t.service_id).add(1);
    o.putArray("agent_version_info").add(t.service_id).add(1);
    if (scenario == null) {
      o.putNull("scenario_version_info");
    } else {
      o.putArray("scenario_version_info").add(scenario.id).add(scenario.latest().version);
    }
    if (persona == null) {
      o.putNull("persona_version_info");
    } else {
      o.putArray("persona_version_info").add(persona.id).add(persona.latest().version);
    }
    o.putObject("llm_model_preferences");
    o.put("max_interactions", t.max_interactions);
    ArrayNode metrics = o.putArray("metrics_to_evaluate");
    for (JsonNode c : t.success_criterions) {
      ObjectNode m = metrics.addObject();
      m.put("metric_id", c.get("metric_id").asString());
      m.put("success_criterion_name", c.get("name").asString());
      m.set("success_criterion", c.get("criterion"));
    }
    return o;
  }

  /**
   * The final result of one unit test in a run: every session errors under {@link #ERROR_MARKER},
   * fails under {@link #FAIL_MARKER}; otherwise {@code round(rate * runCount)} sessions pass (all
   * metrics true) and the rest fail (all false), which ones chosen by a generator seeded with the
   * emulator's run seed, the unit test's name and how many earlier runs included it.
   */
  private ObjectNode evaluate(
      Store.UnitTest t, int runCount, Store.Scenario scenario, long ordinal) {
    String instructions = scenario == null ? "" : scenario.latest().instructions;
    boolean error = instructions.contains(ERROR_MARKER);
    boolean[] pass = new boolean[runCount];
    if (!error && !instructions.contains(FAIL_MARKER)) {
      long passing = Math.round(passRate(t.description) * runCount);
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < runCount; i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(seed * 31 + t.name.hashCode() * 1_000_003L + ordinal));
      for (int i = 0; i < passing; i++) {
        pass[order.get(i)] = true;
      }
    }
    ObjectNode o = Json.F.objectNode();
    o.put("unit_test_id", t.id);
    ArrayNode metrics = o.putArray("metric_evaluation_results");
    for (JsonNode c : t.success_criterions) {
      ObjectNode m = metrics.addObject();
      m.put("metric_id", c.get("metric_id").asString());
      ArrayNode outcomes = m.putArray("results");
      if (!error) {
        for (boolean p : pass) {
          outcomes.addArray().add(store.newId()).add(p);
        }
      }
    }
    ArrayNode errors = o.putArray("run_errors");
    for (int i = 0; i < runCount; i++) {
      if (error) {
        errors.add("The simulation errored (emulator marker " + ERROR_MARKER + ").");
      } else {
        errors.addNull();
      }
    }
    return o;
  }

  static double passRate(String description) {
    Matcher m = PASS_RATE.matcher(description == null ? "" : description);
    if (!m.find()) {
      return 1.0;
    }
    return Math.min(1.0, Double.parseDouble(m.group(1)));
  }

  static ObjectNode json(String org, Store.SetRun run, Instant now) {
    State s = state(run, now);
    ObjectNode o = Json.F.objectNode();
    o.put("org_id", org);
    o.put("id", run.id);
    o.put("is_completed", s.completed);
    o.put("simulation_unit_test_set_id", run.simulation_unit_test_set_id);
    o.put("failed_metrics", s.failedMetrics);
    o.put("errored", s.errored);
    o.put("artifacts_generated", s.artifacts);
    o.set("unit_test_run_specs", run.unit_test_run_specs);
    o.set("unit_test_run_results", s.results);
    o.put("created_at", run.created_at);
    o.set("creator", Json.user(run.creator));
    return o;
  }
}
