package dev.scenariosync.model;

import java.util.Map;
import java.util.Objects;

/**
 * A scenario as a file declares it: the name (its identity), the tags the user wrote and the
 * content of the version it wants to be latest. Values are kept as written; {@link #normalized()}
 * gives what the server would store. {@code renamedFrom} is the name it had before a rename ({@code
 * renamed_from}), or null.
 */
public record DesiredScenario(
    String name,
    Map<String, String> tags,
    VersionContent content,
    SourceLocation source,
    String renamedFrom) {

  public DesiredScenario {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
    tags = Tags.copyOf(tags);
  }

  /** A scenario that was not renamed. */
  public DesiredScenario(
      String name, Map<String, String> tags, VersionContent content, SourceLocation source) {
    this(name, tags, content, source, null);
  }

  /** The identity used to match a file with a remote scenario: the stripped name. */
  public String key() {
    return PyText.strip(name);
  }

  public DesiredScenario normalized() {
    return new DesiredScenario(
        key(),
        Tags.normalized(tags),
        content.normalized(),
        source,
        renamedFrom == null ? null : PyText.strip(renamedFrom));
  }
}
