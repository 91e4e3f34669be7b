package dev.scenariosync.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A live resource of any kind as the API returns it, its fields in the same form as a {@link
 * Resource}'s (references by id). For a versioned kind, {@code version} is its latest version's
 * number and the versioned fields are that version's (null and absent when it was not read), with
 * who made it and when; {@code updatedBy} is who made its last update of any kind (null when the
 * answer did not say).
 */
public record RemoteResource(
    ResourceKind kind,
    String id,
    String name,
    Map<String, String> tags,
    Map<String, Object> fields,
    Instant updatedAt,
    Integer version,
    UserRef versionCreator,
    Instant versionCreatedAt,
    UserRef updatedBy) {
  public RemoteResource {
    tags = Tags.copyOf(tags);
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** A resource whose latest version's time was not read. */
  public RemoteResource(
      ResourceKind kind,
      String id,
      String name,
      Map<String, String> tags,
      Map<String, Object> fields,
      Instant updatedAt,
      Integer version,
      UserRef versionCreator) {
    this(kind, id, name, tags, fields, updatedAt, version, versionCreator, null, null);
  }
}
