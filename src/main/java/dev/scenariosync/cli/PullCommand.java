package dev.scenariosync.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.scenariosync.api.RemoteReader;
import dev.scenariosync.api.ScenarioApi;
import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.files.ControlChars;
import dev.scenariosync.files.LocalFile;
import dev.scenariosync.files.Paths;
import dev.scenariosync.files.ScenarioFinder;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.files.ScenarioWriter;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.PyText;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.plan.Ownership;
import dev.scenariosync.render.Safe;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
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

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      split = ",",
      description =
          "Only these kinds: scenario, persona, unit_test, unit_test_set (repeatable or"
              + " comma-separated; default: every kind, or scenarios only with --search).")
  List<String> kinds = new ArrayList<>();

  @Option(names = "--force", description = "Overwrite files whose content differs from the remote.")
  boolean force;

  @Option(
      names = "--follow-external-links",
      description =
          "Read and write through symbolic links that lead outside DIR (refused by default).")
  boolean followExternalLinks;

  @Mixin ConnectionOptions connection;
  @Mixin ConfigOptions configOptions;

  PullCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() throws IOException {
    ConfigFile.Config config = configOptions.load(ctx);
    Set<ResourceKind> chosen = chosenKinds();
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
    List<Resource> existingResources = new ArrayList<>();
    if (Files.isDirectory(abs)) {
      ScenarioLoader.Result files =
          new ScenarioLoader(
                  new ScenarioLoader.Options(ownership == null ? null : ownership.key())
                      .withFollowExternalLinks(followExternalLinks)
                      .withIgnoredTagKeys(config.ignoreTagKeys()),
                  ctx.cwd())
              .load(List.of(abs));
      for (DesiredScenario s : files.scenarios()) {
        existing.put(s.key(), s);
        docsPerFile.merge(s.source().file(), 1, Integer::sum);
      }
      for (Resource r : files.resources()) {
        existingResources.add(r);
        docsPerFile.merge(r.source().file(), 1, Integer::sum);
      }
    }
    List<RemoteScenario> remote = List.of();
    int kindFailures = 0;
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      if (chosen.contains(ResourceKind.SCENARIO)) {
        List<RemoteScenario> found =
            search != null
                ? conn.client.search(search, tags)
                : conn.client.list(new ScenarioApi.ListFilter(false, tags, List.of()));
        remote = new RemoteReader(conn.client, Planning.READ_PARALLELISM).withLatest(found);
      }
      if (chosen.stream().anyMatch(k -> k != ResourceKind.SCENARIO)) {
        Path real = realDir(abs);
        kindFailures =
            PullKinds.pull(
                ctx,
                conn,
                abs,
                real,
                chosen,
                existingResources,
                docsPerFile,
                ownership,
                force,
                tags,
                this);
      }
    }
    if (!chosen.contains(ResourceKind.SCENARIO)) {
      return kindFailures > 0 ? ExitCode.APPLY_FAILED : ExitCode.OK;
    }
    Path realDir;
    try {
      Files.createDirectories(abs);
      realDir = abs.toRealPath();
    } catch (IOException e) {
      throw new UserError(
          "cannot create the folder " + Paths.display(abs, ctx.cwd()) + ": " + LocalFile.reason(e));
    }
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
        new LinkedHashMap<>(
            Map.of("wrote", 0, "unchanged", 0, "skipped", 0, "overwrote", 0, "failed", 0));
    for (RemoteScenario r : ordered) {
      if (r.latest() == null) {
        continue;
      }
      DesiredScenario wanted =
          new DesiredScenario(
              r.name(),
              withoutIgnored(withoutOwnership(r.tags(), ownership), config.ignoreTagKeys()),
              r.latest().content(),
              null);
      DesiredScenario declared = existing.get(r.name());
      String status;
      String shownFile;
      String unsafe = unsafeField(wanted);
      if (declared != null) {
        Path file = ctx.cwd().resolve(declared.source().file());
        shownFile = declared.source().file();
        if (sameScenario(declared, wanted)) {
          status = "unchanged";
        } else if (unsafe != null) {
          status = "skipped";
          shownFile += " (the remote " + unsafe + UNSAFE;
        } else if (docsPerFile.getOrDefault(declared.source().file(), 1) > 1) {
          status = "skipped";
          shownFile += " (a multi-document file: edit it by hand)";
        } else if (force && !Files.exists(file)) {
          // its name did not survive the locale's file-name encoding (LANG unset): never guess
          status = "skipped";
          shownFile += " (its name cannot be written in this locale; set LANG=C.UTF-8)";
        } else if (force) {
          String failed = write(file, realDir, ScenarioWriter.write(wanted, schemaRef));
          status = failed == null ? "overwrote" : "failed";
          shownFile += failed == null ? "" : " (" + failed + ")";
        } else {
          status = "skipped";
          shownFile += " (differs from the remote; --force overwrites)";
        }
      } else {
        String name = fileName(r, taken);
        Path file = abs.resolve(name);
        shownFile = Paths.display(file, ctx.cwd());
        String text = ScenarioWriter.write(wanted, schemaRef);
        String failed = null;
        if (unsafe != null) {
          status = "skipped";
          shownFile += " (the remote " + unsafe + UNSAFE;
        } else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          String current = null;
          failed = leavesDir(file, realDir); // such a target is neither read nor written
          try {
            if (failed == null) {
              current = new String(LocalFile.read(file, ScenarioLoader.MAX_FILE_BYTES), UTF_8);
            }
          } catch (LocalFile.Unreadable e) {
            failed = e.getMessage();
          }
          if (failed != null) {
            status = "failed";
          } else if (current.equals(text)) {
            status = "unchanged";
          } else if (force) {
            failed = write(file, realDir, text);
            status = failed == null ? "overwrote" : "failed";
          } else {
            status = "skipped";
            shownFile += " (exists with other content; --force overwrites)";
          }
        } else {
          failed = write(file, realDir, text);
          status = failed == null ? "wrote" : "failed";
        }
        if (failed != null) {
          shownFile += " (" + failed + ")";
        }
      }
      counts.merge(status, 1, Integer::sum);
      ctx.out()
          .printf("%-10s %s  (%s)%n", status, ControlChars.escape(shownFile), Safe.item(r.name()));
    }
    ctx.out()
        .printf(
            "Pulled %d scenario%s into %s: %d written, %d unchanged, %d skipped, %d overwritten,"
                + " %d failed%n",
            ordered.size(),
            ordered.size() == 1 ? "" : "s",
            Paths.display(abs, ctx.cwd()),
            counts.get("wrote"),
            counts.get("unchanged"),
            counts.get("skipped"),
            counts.get("overwrote"),
            counts.get("failed"));
    return counts.get("failed") + kindFailures > 0 ? ExitCode.APPLY_FAILED : ExitCode.OK;
  }

  /** The kinds to pull: --kind, else every kind (scenarios only with --search). */
  private Set<ResourceKind> chosenKinds() {
    Set<ResourceKind> out = java.util.EnumSet.noneOf(ResourceKind.class);
    for (String k : kinds) {
      out.add(
          ResourceKind.fromWord(k.trim())
              .orElseThrow(
                  () ->
                      new UserError(
                          "--kind must be one of "
                              + String.join(", ", ResourceKind.words())
                              + ", not '"
                              + ControlChars.escape(k)
                              + "'")));
    }
    if (out.isEmpty()) {
      return search != null
          ? java.util.EnumSet.of(ResourceKind.SCENARIO)
          : java.util.EnumSet.allOf(ResourceKind.class);
    }
    if (search != null && (out.size() > 1 || !out.contains(ResourceKind.SCENARIO))) {
      throw new UserError("--search finds scenarios only; pull other kinds without it");
    }
    return out;
  }

  private Path realDir(Path abs) {
    try {
      Files.createDirectories(abs);
      return abs.toRealPath();
    } catch (IOException e) {
      throw new UserError(
          "cannot create the folder " + Paths.display(abs, ctx.cwd()) + ": " + LocalFile.reason(e));
    }
  }

  /** Equal as the server stores them (so a file's own YAML style is kept). */
  private static boolean sameScenario(DesiredScenario a, DesiredScenario b) {
    DesiredScenario x = a.normalized();
    DesiredScenario y = b.normalized();
    return x.name().equals(y.name())
        && x.tags().equals(y.tags())
        && x.content().equals(y.content());
  }

  private static final String UNSAFE =
      " holds a control character, which validate refuses; fix it in the UI)";

  /** The field of a scenario that holds a control character, or null. */
  private static String unsafeField(DesiredScenario s) {
    if (ControlChars.any(s.name())) {
      return "name";
    }
    for (var tag : s.tags().entrySet()) {
      if (ControlChars.any(tag.getKey())
          || tag.getValue() != null && ControlChars.any(tag.getValue())) {
        return "tags";
      }
    }
    if (ControlChars.first(s.content().objective(), true) >= 0) {
      return "objective";
    }
    if (ControlChars.first(s.content().instructions(), true) >= 0) {
      return "instructions";
    }
    return null;
  }

  /**
   * The slug, or slug plus a short hash of the name when another scenario already has it, when the
   * slug is empty, or when the name would be one scenario-sync does not read (its configuration
   * file).
   */
  private static String fileName(RemoteScenario r, Set<String> taken) {
    String slug = ScenarioWriter.slug(r.name());
    String name = slug + ".yaml";
    if (slug.isEmpty()
        || !ScenarioFinder.isScenarioFileName(name)
        || name.equalsIgnoreCase(ScenarioFinder.CONFIG_FILE)
        || !taken.add(name.toLowerCase(Locale.ROOT))) {
      if (slug.isEmpty()) {
        slug = "scenario";
      }
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

  /** Without the keys other writers own ({@code ignore_tag_keys}): a file may not set them. */
  private static Map<String, String> withoutIgnored(Map<String, String> tags, Set<String> ignored) {
    Map<String, String> out = new LinkedHashMap<>(tags);
    out.keySet().removeIf(k -> ignored.contains(PyText.strip(k)));
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

  /** Why a link may not be followed (dangling, or leading outside DIR), or null. */
  private String leavesDir(Path file, Path realDir) {
    if (followExternalLinks || !Files.isSymbolicLink(file)) {
      return null;
    }
    try {
      return file.toRealPath().startsWith(realDir) ? null : outside(realDir);
    } catch (IOException e) {
      return "a dangling symbolic link; not written";
    }
  }

  private String outside(Path realDir) {
    return "a symbolic link leading outside "
        + Paths.display(realDir, ctx.cwd())
        + "; not written (--follow-external-links writes it)";
  }

  /**
   * Writes the file atomically (a temporary file beside it, then renamed), with the mode the umask
   * gives (or the mode of the file it replaces), never through a symbolic link that leaves DIR.
   * Returns null when written, else why not; the temporary file never outlives a failure.
   */
  String write(Path file, Path realDir, String text) {
    Path target = file;
    Path tmp = null;
    try {
      if (Files.isSymbolicLink(file)) {
        if (!Files.exists(file)) {
          return "a dangling symbolic link; not written";
        }
        target = file.toRealPath();
      }
      Path parent = target.getParent().toRealPath();
      if (!followExternalLinks && !parent.resolve(target.getFileName()).startsWith(realDir)) {
        return outside(realDir);
      }
      if (Files.isDirectory(target)) {
        return "a folder stands where the file should go; not written";
      }
      tmp =
          parent.resolve(
              "." + target.getFileName() + "." + Long.toHexString(System.nanoTime()) + ".tmp");
      try (OutputStream out =
          Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        out.write(text.getBytes(UTF_8));
      }
      if (Files.exists(target)) {
        try {
          Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(target));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the default mode is kept
        }
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      tmp = null;
      return null;
    } catch (IOException e) {
      return "not written: " + LocalFile.reason(e);
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException e) {
          // the failure reported is the one that matters
        }
      }
    }
  }
}
