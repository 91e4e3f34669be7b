package dev.scenariosync.model;

import java.util.Map;
import java.util.Objects;

/**
 * A scenario as a file declares it: the name (its identity), the tags the user wrote and the
 * content of the version it wants to be latest. Values are kept as written; {@link #normalized()}
 * gives what the server would store.
 */
public record DesiredScenario(
    String name, Map<String, String> tags, VersionContent content, SourceLocation source) {

  public DesiredScenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
    tags = Tags.copyOf(tags);
  }

  /** The identity used to match a file with a remote scenario: the stripped name. */
  public String key() {
    return PyText.strip(name);
  }

  public DesiredScenario normalized() {
    return new DesiredScenario(key(), Tags.normalized(tags), content.normalized(), source);
  }
}
