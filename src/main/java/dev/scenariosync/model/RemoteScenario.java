package dev.scenariosync.model;

import java.time.Instant;
import java.util.Map;

/**
 * A scenario as the API returns it from list or search, plus its latest version when that was read
 * ({@code latest} is null otherwise: the list carries metadata only).
 */
public record RemoteScenario(
    String id,
    String name,
    Map<String, String> tags,
    boolean deleted,
    Instant createdAt,
    UserRef creator,
    Instant updatedAt,
    UserRef updatedBy,
    RemoteVersion latest) {

  public RemoteScenario {
    tags = Tags.copyOf(tags);
  }

  public RemoteScenario withLatest(RemoteVersion version) {
    return new RemoteScenario(
        id, name, tags, deleted, createdAt, creator, updatedAt, updatedBy, version);
  }
}
