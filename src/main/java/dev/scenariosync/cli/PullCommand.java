package dev.scenariosync.cli;

import dev.scenariosync.api.RemoteReader;
import dev.scenariosync.api.ScenarioApi;
import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.files.Paths;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.files.ScenarioWriter;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.render.Safe;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pull}: writes the remote scenarios into files, one per scenario, never clobbering an edit.
 */
@Command(
    name = "pull",
    description = "Write the remote scenarios (latest versions) into files, one per scenario.",
    mixinStandardHelpOptions = true)
final class PullCommand implements Callable<Integer> {
  static final String SCHEMA_URL = "https://scenario-sync.dev/schemas/scenario.schema.json";

  private final CliContext ctx;

  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      description =
          "Where to write (created if needed; default: the configuration's first directory, else scenarios).")
  Path dir;

  @Option(
      names = "--tag",
      paramLabel = "K:V",
      description =
          "Only scenarios with this tag (k:v, k:* any value, k: null value); repeatable, all must match.")
  List<String> tags = new ArrayList<>();

  @Option(
      names = "--search",
      paramLabel = "TEXT",
      description = "Only the API search's results for TEXT (top 50, terms in the name).")
  String search;

  @Option(names = "--force", description = "Overwrite files whose content differs from the remote.")
  boolean force;

  @Mixin ConnectionOptions connection;
  @Mixin ConfigOptions configOptions;

  PullCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    ConfigFile.Config config = configOptions.load(ctx);
    Path target =
        dir != null
            ? dir
            : config.scenarios().isEmpty()
                ? Path.of("scenarios")
                : PlanningOptions.roots(List.of(), ctx, config).get(0);
    Path abs = ctx.cwd().resolve(target).normalize();
    Ownership ownership = new PlanningOptions().ownership(config);
    // What the folder already declares, by name: pull updates those files rather than adding new
    // ones.
    Map<String, DesiredScenario> existing = new HashMap<>();
    Map<String, Integer> docsPerFile = new HashMap<>();
    if (Files.isDirectory(abs)) {
      ScenarioLoader.Result files =
          new ScenarioLoader(
                  new ScenarioLoader.Options(ownership == null ? null : ownership.key()), ctx.cwd())
              .load(List.of(abs));
      for (DesiredScenario s : files.scenarios()) {
        existing.put(s.key(), s);
        docsPerFile.merge(s.source().file(), 1, Integer::sum);
      }
    }
    List<RemoteScenario> remote;
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      List<RemoteScenario> found =
          search != null
              ? conn.client.search(search, tags)
              : conn.client.list(new ScenarioApi.ListFilter(false, tags, List.of()));
      remote = new RemoteReader(conn.client, Planning.READ_PARALLELISM).withLatest(found);
    }
    Files.createDirectories(abs);
    String schemaRef = schemaRef(abs);
    // Oldest first, so that the first of two colliding names keeps the plain file name.
    List<RemoteScenario> ordered = new ArrayList<>(remote);
    ordered.sort(
        Comparator.comparing(
                RemoteScenario::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(RemoteScenario::id));
    Set<String> taken = new HashSet<>();
    existing
        .values()
        .forEach(
            s ->
                taken.add(
                    Path.of(s.source().file()).getFileName().toString().toLowerCase(Locale.ROOT)));
    Map<String, Integer> counts =
        new LinkedHashMap<>(Map.of("wrote", 0, "unchanged", 0, "skipped", 0, "overwrote", 0));
    for (RemoteScenario r : ordered) {
      if (r.latest() == null) {
        continue;
      }
      DesiredScenario wanted =
          new DesiredScenario(
              r.name(), withoutOwnership(r.tags(), ownership), r.latest().content(), null);
      DesiredScenario declared = existing.get(r.name());
      String status;
      String shownFile;
      if (declared != null) {
        Path file = ctx.cwd().resolve(declared.source().file());
        shownFile = declared.source().file();
        boolean same = sameScenario(declared, wanted);
        if (same) {
          status = "unchanged";
        } else if (docsPerFile.getOrDefault(declared.source().file(), 1) > 1) {
          status = "skipped";
          shownFile += " (a multi-document file: edit it by hand)";
        } else if (force) {
          write(file, ScenarioWriter.write(wanted, schemaRef));
          status = "overwrote";
        } else {
          status = "skipped";
          shownFile += " (differs from the remote; --force overwrites)";
        }
      } else {
        String name = fileName(r, taken);
        Path file = abs.resolve(name);
        shownFile = Paths.display(file, ctx.cwd());
        String text = ScenarioWriter.write(wanted, schemaRef);
        if (Files.exists(file)) {
          String current = Files.readString(file, StandardCharsets.UTF_8);
          if (current.equals(text)) {
            status = "unchanged";
          } else if (force) {
            write(file, text);
            status = "overwrote";
          } else {
            status = "skipped";
            shownFile += " (exists with other content; --force overwrites)";
          }
        } else {
          write(file, text);
          status = "wrote";
        }
      }
      counts.merge(status, 1, Integer::sum);
      ctx.out().printf("%-10s %s  (%s)%n", status, shownFile, Safe.item(r.name()));
    }
    ctx.out()
        .printf(
            "Pulled %d scenario%s into %s: %d written, %d unchanged, %d skipped, %d overwritten%n",
            ordered.size(),
            ordered.size() == 1 ? "" : "s",
            Paths.display(abs, ctx.cwd()),
            counts.get("wrote"),
            counts.get("unchanged"),
            counts.get("skipped"),
            counts.get("overwrote"));
    return ExitCode.OK;
  }

  /** Equal as the server stores them (so a file's own YAML style is kept). */
  private static boolean sameScenario(DesiredScenario a, DesiredScenario b) {
    DesiredScenario x = a.normalized();
    DesiredScenario y = b.normalized();
    return x.name().equals(y.name())
        && x.tags().equals(y.tags())
        && x.content().equals(y.content());
  }

  /** The slug, or slug plus a short hash of the name when another scenario already has it. */
  private static String fileName(RemoteScenario r, Set<String> taken) {
    String slug = ScenarioWriter.slug(r.name());
    String name = slug + ".yaml";
    if (!taken.add(name.toLowerCase(Locale.ROOT))) {
      String hash =
          ScenarioLoader.sha256(r.name().getBytes(StandardCharsets.UTF_8)).substring(0, 8);
      name = slug + "-" + hash + ".yaml";
      taken.add(name.toLowerCase(Locale.ROOT));
    }
    return name;
  }

  private static Map<String, String> withoutOwnership(
      Map<String, String> tags, Ownership ownership) {
    Map<String, String> out = new LinkedHashMap<>(tags);
    if (ownership != null) {
      out.remove(ownership.key());
    }
    return out;
  }

  /** A path to the project's schema when the folder is inside a checkout that has it. */
  private static String schemaRef(Path dir) {
    for (Path d = dir; d != null; d = d.getParent()) {
      Path schema = d.resolve("schemas").resolve("scenario.schema.json");
      if (Files.isRegularFile(schema)) {
        return dir.relativize(schema).toString().replace('\\', '/');
      }
    }
    return SCHEMA_URL;
  }

  private static void write(Path file, String text) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), ".pull-", ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
