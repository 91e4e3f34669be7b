package dev.scenariosync.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A unit test set run as the API returns it: what each unit test ran on (its specs) and, for each
 * unit test that has finished, the outcome of every session (its results, null until finished).
 */
public record SetRun(
    String id,
    String setId,
    boolean completed,
    boolean failedMetrics,
    boolean errored,
    Instant createdAt,
    UserRef creator,
    List<Spec> specs,
    List<Result> results) {
  public SetRun {
    Objects.requireNonNull(id, "id");
    specs = List.copyOf(specs);
    results = Collections.unmodifiableList(new ArrayList<>(results));
  }

  /** A resource version a unit test ran on: {@code [id, version]} in the API. */
  public record VersionInfo(String id, int version) {
    public VersionInfo {
      Objects.requireNonNull(id, "id");
    }

    @Override
    public String toString() {
      return id + " v" + version;
    }
  }

  /**
   * What one unit test of the run runs on (the versions are null when the key may not read them).
   *
   * @param metrics the success criterion name of each metric to evaluate, by metric id, in order
   */
  public record Spec(
      String unitTestId,
      int runCount,
      VersionInfo scenario,
      VersionInfo persona,
      Map<String, String> metrics) {
    public Spec {
      Objects.requireNonNull(unitTestId, "unitTestId");
      metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }
  }

  /**
   * The finished outcome of one unit test: per metric id, whether each session passed it; per
   * session, its error (null when it did not error).
   */
  public record Result(String unitTestId, Map<String, List<Boolean>> metrics, List<String> errors) {
    public Result {
      Objects.requireNonNull(unitTestId, "unitTestId");
      Map<String, List<Boolean>> copy = new LinkedHashMap<>();
      metrics.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      metrics = Collections.unmodifiableMap(copy);
      errors = Collections.unmodifiableList(new ArrayList<>(errors));
    }
  }

  /** The result of the unit test with this id, when it has finished in this run. */
  public Result resultOf(String unitTestId) {
    for (Result r : results) {
      if (r != null && r.unitTestId().equals(unitTestId)) {
        return r;
      }
    }
    return null;
  }
}
