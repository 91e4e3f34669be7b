package dev.scenariosync.api;

import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.model.VersionContent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the rest of the tool needs of the scenario API. {@link AmigoClient} implements it over HTTP;
 * every method either succeeds, or throws {@link ApiException} or {@link TransportException}, and
 * never leaves an unknown outcome behind.
 */
public interface ScenarioApi {
  /** Filters of the list endpoint; {@code tags} are {@code k:v}, {@code k:*} or {@code k:}. */
  record ListFilter(boolean deleted, List<String> tags, List<String> ids) {
    public static ListFilter live() {
      return new ListFilter(false, List.of(), List.of());
    }
  }

  String organization();

  /** The signed-in user's id: a scenario it created is ours after a lost answer. */
  String userId();

  /** Every scenario matching the filter, all pages. */
  List<RemoteScenario> list(ListFilter filter);

  /** The search endpoint: top 50 by relevance of the terms in the name. */
  List<RemoteScenario> search(String query, List<String> tags);

  /** The scenario with this id (deleted or not), if any. */
  Optional<RemoteScenario> get(String id);

  /**
   * Creates a scenario with its first version and returns its id. A lost answer is resolved by
   * reading back: the scenario is never created twice.
   *
   * @throws ApiException.Conflict when another scenario holds the name
   */
  String create(String name, Map<String, String> tags, VersionContent first);

  /** Replaces the tag map. */
  void updateTags(String id, Map<String, String> tags);

  /** Soft-deletes; a scenario already deleted counts as done. */
  void delete(String id);

  /**
   * Creates version {@code expected} and returns its number. A lost answer is resolved by reading
   * the latest version back: never a skipped or doubled version.
   *
   * @throws ApiException.BadRequest when the latest version is no longer {@code expected - 1}
   */
  int createVersion(String id, VersionContent content, int expected);

  /** The latest version, if the scenario exists. */
  Optional<RemoteVersion> latestVersion(String id);

  /**
   * Versions in a range ({@code N}, {@code latest}, {@code A-B}, {@code A-latest}), ascending, all
   * pages.
   */
  List<RemoteVersion> versions(String id, String range);

  /** Non-deleted unit tests that reference each of these scenarios. */
  Map<String, List<UnitTestRef>> unitTestsFor(Collection<String> scenarioIds);

  /** Requests sent so far (retries included) and how many were answered 429. */
  Stats stats();

  record Stats(long calls, long throttled) {}
}
