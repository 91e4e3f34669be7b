package dev.scenariosync.api;

import dev.scenariosync.model.SetRun;
import java.util.Collection;
import java.util.List;

/**
 * What the tool needs of the unit-test-set-run API. {@link AmigoClient} implements it; failures are
 * {@link ApiException} (a 409 on start: the user already has an unfinished run of the set) or
 * {@link TransportException}.
 */
public interface RunApi {
  /** Starts a run of the set and returns its id (20 a minute: calls wait for the limit). */
  String startRun(String setId);

  /** The runs with these ids (those that exist). */
  List<SetRun> runs(Collection<String> ids);

  /**
   * The set's runs, newest first, at most {@code limit}: only completed ones, only unfinished ones
   * or both ({@code completed} null); only the signed-in user's when {@code mine}.
   */
  List<SetRun> runsOfSet(String setId, Boolean completed, boolean mine, int limit);

  /** Cancels a run in progress (best effort on the server's side). */
  void cancelRun(String id);
}
