package dev.scenariosync.api;

import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.RemoteResource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the tool needs of the API of every kind, from the kind descriptions (scenarios through the
 * scenario methods of {@link ScenarioApi}). {@link AmigoClient} implements it; failures are {@link
 * ApiException} or {@link TransportException}.
 */
public interface ResourceApi {
  /** The signed-in user's id: a resource it created is ours after a lost answer. */
  String userId();

  /** Every live resource of the kind, all pages (versioned fields not read). */
  List<RemoteResource> listAll(KindSpec kind);

  /** The resource with this id, live or not, if any (versioned fields not read). */
  Optional<RemoteResource> getResource(KindSpec kind, String id);

  /** The same resource with its latest version's fields (a versioned kind). */
  RemoteResource withLatestVersion(KindSpec kind, RemoteResource r);

  /**
   * Creates it and returns its id; references given by {@code ids}. A lost answer is resolved by
   * reading back: a live one of this name is ours only when its content (a persona's version 1),
   * its tags and its creator (the signed-in user) match what was sent; otherwise a conflict.
   */
  String createResource(
      KindSpec kind,
      String name,
      Map<String, String> tags,
      Map<String, Object> fields,
      Function<Ref, String> ids);

  /** A partial update of these fields (and the tags, when not null). */
  void updateResource(
      KindSpec kind,
      String id,
      Collection<String> fieldNames,
      Map<String, Object> fields,
      Map<String, String> tags,
      Function<Ref, String> ids);

  /** A new version with the number {@code expected}; a lost answer is resolved by reading back. */
  int createResourceVersion(KindSpec kind, String id, Map<String, Object> fields, int expected);

  /**
   * The versions in a range ({@code N}, {@code latest}, {@code A-B}, {@code A-latest}), ascending,
   * all pages: each the resource with that version's fields, number and creator, and the version's
   * {@code created_at} as {@code updatedAt}.
   */
  List<RemoteResource> versions(KindSpec kind, RemoteResource r, String range);

  /** Soft-deletes; already deleted after a lost answer counts as done. */
  void deleteResource(KindSpec kind, String id);
}
