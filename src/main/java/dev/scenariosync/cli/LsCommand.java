package dev.scenariosync.cli;

import dev.scenariosync.api.RemoteReader;
import dev.scenariosync.api.ScenarioApi;
import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Tags;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.render.ResourceListing;
import dev.scenariosync.render.Safe;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code ls}: the remote scenarios, without the web UI. */
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
    if (k != ResourceKind.SCENARIO) {
      return listKind(config, ownership, Kinds.of(k));
    }
    List<RemoteScenario> all = new ArrayList<>();
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      if (search != null) {
        all.addAll(conn.client.search(search, tags));
      } else {
        all.addAll(conn.client.list(new ScenarioApi.ListFilter(false, tags, List.of())));
        if (deleted) {
          all.addAll(conn.client.list(new ScenarioApi.ListFilter(true, tags, List.of())));
        }
      }
      all =
          new ArrayList<>(new RemoteReader(conn.client, Planning.READ_PARALLELISM).withLatest(all));
    }
    all.sort(Comparator.comparing(RemoteScenario::name).thenComparing(RemoteScenario::id));
    if (format == Format.json) {
      JsonMapper json = JsonMapper.builder().build();
      ArrayNode a = json.createArrayNode();
      for (RemoteScenario r : all) {
        ObjectNode o = a.addObject();
        o.put("id", r.id());
        o.put("name", r.name());
        o.put("latest_version", r.latest() == null ? null : r.latest().number());
        o.put("owned", ownership != null && ownership.owns(Tags.normalized(r.tags())));
        o.put("deleted", r.deleted());
        ObjectNode t = o.putObject("tags");
        r.tags().forEach(t::put);
        o.put("updated_at", r.updatedAt() == null ? null : r.updatedAt().toString());
        o.put("updated_by", r.updatedBy() == null ? null : r.updatedBy().toString());
      }
      ctx.out().println(json.writerWithDefaultPrettyPrinter().writeValueAsString(a));
      return ExitCode.OK;
    }
    int width =
        Math.max(4, all.stream().mapToInt(r -> Safe.item(r.name()).length()).max().orElse(4));
    String row = "%-" + width + "s  %7s  %-5s  %-27s  %s%n";
    ctx.out().printf(row, "NAME", "VERSION", "OWNED", "UPDATED_AT", "UPDATED_BY");
    for (RemoteScenario r : all) {
      boolean owned = ownership != null && ownership.owns(Tags.normalized(r.tags()));
      ctx.out()
          .printf(
              row,
              Safe.item(r.name()) + (r.deleted() ? " (deleted)" : ""),
              r.latest() == null ? "-" : String.valueOf(r.latest().number()),
              owned ? "yes" : "no",
              r.updatedAt(),
              r.updatedBy() == null ? null : Safe.item(r.updatedBy().toString()));
    }
    ctx.out().printf("%d scenario%s%n", all.size(), all.size() == 1 ? "" : "s");
    return ExitCode.OK;
  }

  private int listKind(ConfigFile.Config config, Ownership ownership, KindSpec spec) {
    if (search != null || deleted) {
      throw new UserError("--search and --deleted list scenarios only");
    }
    List<RemoteResource> all;
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      all =
          new ArrayList<>(
              RemoteReader.readSuite(conn.client, null, Planning.READ_PARALLELISM).of(spec.kind()));
    }
    all.removeIf(r -> !PullCommand.matches(r.tags(), tags));
    all.sort(Comparator.comparing(RemoteResource::name).thenComparing(RemoteResource::id));
    ctx.out()
        .print(
            format == Format.json
                ? ResourceListing.json(all, ownership)
                : ResourceListing.table(spec, all, ownership));
    return ExitCode.OK;
  }
}
