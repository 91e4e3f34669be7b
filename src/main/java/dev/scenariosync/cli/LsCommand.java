package dev.scenariosync.cli;

import dev.scenariosync.api.RemoteReader;
import dev.scenariosync.api.ScenarioApi;
import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.render.ResourceListing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ls}: the remote resources of one kind, without the web UI; one listing for every kind. */
@Command(
    name = "ls",
    description = "List the remote scenarios with their latest version and owner.",
    mixinStandardHelpOptions = true)
final class LsCommand implements Callable<Integer> {
  enum Format {
    text,
    json
  }

  private final CliContext ctx;

  @Option(
      names = "--tag",
      paramLabel = "K:V",
      description = "Only scenarios with this tag (k:v, k:*, k:); repeatable.")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--search",
      paramLabel = "TEXT",
      description = "The API search's results for TEXT (top 50).")
  String search;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      defaultValue = "scenario",
      description = "What to list: scenario (default), persona, unit_test or unit_test_set.")
  String kind;

  @Option(names = "--deleted", description = "Include deleted scenarios.")
  boolean deleted;

  @Option(names = "--format", defaultValue = "text", description = "text (default) or json.")
  Format format;

  @Mixin ConnectionOptions connection;
  @Mixin ConfigOptions configOptions;

  LsCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ConfigFile.Config config = configOptions.load(ctx);
    Ownership ownership = new PlanningOptions().ownership(config);
    ResourceKind k =
        ResourceKind.fromWord(kind)
            .orElseThrow(
                () ->
                    new UserError(
                        "--kind must be one of "
                            + String.join(", ", ResourceKind.words())
                            + ", not '"
                            + dev.scenariosync.files.ControlChars.escape(kind)
                            + "'"));
    KindSpec spec = Kinds.of(k);
    if (k != ResourceKind.SCENARIO && (search != null || deleted)) {
      throw new UserError("--search and --deleted list scenarios only");
    }
    List<ResourceListing.Row> all = new ArrayList<>();
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      if (k == ResourceKind.SCENARIO) {
        // the API filters scenarios' tags, searches them and lists the deleted ones
        List<RemoteScenario> found = new ArrayList<>();
        if (search != null) {
          found.addAll(conn.client.search(search, tags));
        } else {
          found.addAll(conn.client.list(new ScenarioApi.ListFilter(false, tags, List.of())));
          if (deleted) {
            found.addAll(conn.client.list(new ScenarioApi.ListFilter(true, tags, List.of())));
          }
        }
        new RemoteReader(conn.client, Planning.READ_PARALLELISM)
            .withLatest(found)
            .forEach(s -> all.add(ResourceListing.Row.of(s)));
      } else {
        RemoteReader.readSuite(conn.client, null, Planning.READ_PARALLELISM).of(k).stream()
            .filter(r -> PullCommand.matches(r.tags(), tags))
            .forEach(r -> all.add(ResourceListing.Row.of(r)));
      }
    }
    all.sort(
        Comparator.comparing(ResourceListing.Row::name).thenComparing(ResourceListing.Row::id));
    ctx.out()
        .print(
            format == Format.json
                ? ResourceListing.json(all, ownership)
                : ResourceListing.table(spec, all, ownership));
    return ExitCode.OK;
  }
}
