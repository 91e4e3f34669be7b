package dev.scenariosync.kinds;

import dev.scenariosync.model.ResourceKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One kind of resource described as data: its file schema, fields (with their comparison rules and
 * what changing them takes), the API endpoints and their documented rate limits, the kinds whose
 * live resources block its delete, and its rank in the dependency order. The planner, applier,
 * renderers, {@code pull} and {@code ls} work from these descriptions only.
 *
 * @param schemaFile the JSON Schema of a file document, under {@code schemas/}
 * @param versioned whether content changes make versions sent with an expected number
 * @param rank creates and updates run by ascending rank, deletes by descending rank
 * @param blockedBy the kinds whose live resources, when they reference one of this kind, block its
 *     delete (the API answers 400)
 * @param files how its files are laid out and begin
 */
public record KindSpec(
    ResourceKind kind,
    String schemaFile,
    boolean versioned,
    List<FieldSpec> fields,
    Endpoints api,
    int rank,
    List<ResourceKind> blockedBy,
    Files files) {

  /**
   * A kind's files as {@code pull} writes them.
   *
   * @param folder the folder under the pulled DIR that new files go to ({@code ""}: DIR itself)
   * @param kindLine whether a document starts with {@code kind:} (false for the kind a document
   *     without {@code kind:} declares)
   */
  public record Files(String folder, boolean kindLine) {
    public Files {
      Objects.requireNonNull(folder, "folder");
    }
  }

  /**
   * Where the API serves a kind, relative to {@code /v1/{org}/simulation/}: paths exactly as the
   * spec writes them (the unit test set's item path has no trailing slash).
   *
   * @param collection {@code persona}: list and create at {@code persona/}
   * @param itemSlash whether the item path ends in {@code /}
   * @param listKey the list answer's key
   * @param createdId the create answer's id key
   * @param tagsAsList whether answers give tags as {@code [{key, value}]} (requests take a map)
   * @param readPerMinute the documented limit of list and version reads
   * @param writePerMinute the documented limit of create, update, delete and new version
   * @param pageSize the largest {@code limit} the list endpoint takes
   */
  public record Endpoints(
      String collection,
      boolean itemSlash,
      String listKey,
      String createdId,
      boolean tagsAsList,
      int readPerMinute,
      int writePerMinute,
      int pageSize) {}

  public KindSpec {
    Objects.requireNonNull(kind, "kind");
    fields = List.copyOf(fields);
    blockedBy = List.copyOf(blockedBy);
    Objects.requireNonNull(files, "files");
  }

  public Optional<FieldSpec> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The fields that reference other kinds (directly or inside a list). */
  public List<FieldSpec> references() {
    return fields.stream()
        .filter(f -> f.rule() == FieldRule.REFERENCE || f.rule() == FieldRule.RUNS)
        .toList();
  }
}
