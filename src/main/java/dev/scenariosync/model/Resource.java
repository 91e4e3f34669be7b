package dev.scenariosync.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A persona, unit test or unit test set as a file declares it, its field values already in the form
 * the kind's comparison rules give (see {@code kinds.FieldRule}): text stripped, numbers as {@link
 * java.math.BigDecimal}, maps sorted, references as {@link Ref}, sensitive values as {@link
 * Secret}.
 *
 * @param fields by the file's field name, in the kind's field order
 * @param locations where each field's value (and each reference inside a list) stands, by JSON
 *     pointer ({@code /scenario}, {@code /unit_tests/0/name})
 * @param renamedFrom the name a persona had before a rename ({@code renamed_from}), or null
 */
public record Resource(
    ResourceKind kind,
    String name,
    Map<String, String> tags,
    Map<String, Object> fields,
    SourceLocation source,
    Map<String, SourceLocation> locations,
    String renamedFrom) {
  public Resource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    tags = Tags.normalized(tags);
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    locations = Map.copyOf(locations);
  }

  /** A resource without {@code renamed_from}. */
  public Resource(
      ResourceKind kind,
      String name,
      Map<String, String> tags,
      Map<String, Object> fields,
      SourceLocation source,
      Map<String, SourceLocation> locations) {
    this(kind, name, tags, fields, source, locations, null);
  }

  /** Where a field or a reference inside it stands; the name's place when not recorded. */
  public SourceLocation at(String pointer) {
    return locations.getOrDefault(pointer, source);
  }
}
