package dev.scenariosync.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.scenariosync.api.RemoteReader;
import dev.scenariosync.api.ScenarioApi;
import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.files.ControlChars;
import dev.scenariosync.files.LocalFile;
import dev.scenariosync.files.Paths;
import dev.scenariosync.files.ResourceWriter;
import dev.scenariosync.files.ScenarioFinder;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.kinds.FieldRule;
import dev.scenariosync.kinds.FieldSpec;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.kinds.ScenarioFields;
import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.PyText;
import dev.scenariosync.model.RemoteResource;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Secret;
import dev.scenariosync.model.SuiteRemote;
import dev.scenariosync.model.Tags;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.model.WrittenTime;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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
 * {@code pull}: writes the remote resources of every kind into files, one per resource, never
 * clobbering an edit; one mechanism over the kinds' descriptions.
 */
@Command(
    name = "pull",
    description = "Write the remote scenarios (latest versions) into files, one per scenario.",
    mixinStandardHelpOptions = true)
final class PullCommand implements Callable<Integer> {
  static final String SCHEMA_BASE = "https://scenario-sync.dev/schemas/";

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
    // What the folder already declares, by kind and name: pull updates those files rather than
    // adding new ones.
    List<Resource> existing = new ArrayList<>();
    if (Files.isDirectory(abs)) {
      ScenarioLoader.Result files =
          new ScenarioLoader(
                  new ScenarioLoader.Options(ownership == null ? null : ownership.key())
                      .withFollowExternalLinks(followExternalLinks)
                      .withIgnoredTagKeys(config.ignoreTagKeys()),
                  ctx.cwd())
              .load(List.of(abs));
      for (DesiredScenario s : files.scenarios()) {
        existing.add(
            new Resource(
                ResourceKind.SCENARIO,
                s.key(),
                s.tags(),
                ScenarioFields.of(s.content()),
                s.source(),
                Map.of()));
      }
      existing.addAll(files.resources());
    }
    Remote remote;
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      remote = read(conn, chosen);
    }
    Path realDir = realDir(abs);
    Map<String, Integer> docsPerFile = new HashMap<>();
    existing.forEach(r -> docsPerFile.merge(r.source().file(), 1, Integer::sum));
    int failed = 0;
    for (KindSpec k : Kinds.all()) {
      if (chosen.contains(k.kind())) {
        failed +=
            pullKind(
                k,
                remote.of(k.kind()),
                remote.names(),
                existing,
                docsPerFile,
                abs,
                realDir,
                ownership,
                config.ignoreTagKeys());
      }
    }
    return failed > 0 ? ExitCode.APPLY_FAILED : ExitCode.OK;
  }

  /** One remote resource to pull, with when it was created where the API says (else null). */
  record Pulled(RemoteResource resource, Instant createdAt) {}

  /** The remote resources of the chosen kinds, and the names of every live resource by id. */
  record Remote(Map<ResourceKind, List<Pulled>> byKind, Map<String, String> names) {
    List<Pulled> of(ResourceKind kind) {
      return byKind.getOrDefault(kind, List.of());
    }
  }

  /**
   * Reads the chosen kinds: scenarios with their latest versions (the API filters their tags and
   * searches them), the other kinds from the suite (their tags filtered here); and the names that
   * references are written with.
   */
  private Remote read(Connection conn, Set<ResourceKind> chosen) {
    Map<ResourceKind, List<Pulled>> byKind = new EnumMap<>(ResourceKind.class);
    Map<String, String> names = new HashMap<>();
    if (chosen.contains(ResourceKind.SCENARIO)) {
      List<RemoteScenario> found =
          search != null
              ? conn.client.search(search, tags)
              : conn.client.list(new ScenarioApi.ListFilter(false, tags, List.of()));
      List<Pulled> out = new ArrayList<>();
      for (RemoteScenario s :
          new RemoteReader(conn.client, Planning.READ_PARALLELISM).withLatest(found)) {
        if (s.latest() != null) {
          out.add(new Pulled(asResource(s), s.createdAt()));
        }
      }
      byKind.put(ResourceKind.SCENARIO, out);
    }
    if (chosen.stream().anyMatch(k -> !Kinds.of(k).references().isEmpty())) {
      for (RemoteScenario s : conn.client.list(ScenarioApi.ListFilter.live())) {
        names.put(s.id(), s.name());
      }
    }
    if (chosen.stream().anyMatch(k -> k != ResourceKind.SCENARIO)) {
      SuiteRemote suite = RemoteReader.readSuite(conn.client, null, Planning.READ_PARALLELISM);
      for (KindSpec k : Kinds.resources()) {
        suite.of(k.kind()).forEach(r -> names.put(r.id(), r.name()));
        byKind.put(
            k.kind(),
            suite.of(k.kind()).stream()
                .filter(r -> matches(r.tags(), tags))
                .map(r -> new Pulled(r, null))
                .toList());
      }
    }
    return new Remote(byKind, names);
  }

  /** A scenario with its latest version as a resource of its kind, its text as the API gave it. */
  private static RemoteResource asResource(RemoteScenario s) {
    VersionContent c = s.latest().content();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(ScenarioFields.OBJECTIVE, c.objective());
    fields.put(ScenarioFields.INSTRUCTIONS, c.instructions());
    fields.put(ScenarioFields.INITIAL_MESSAGE_TYPE, c.initialMessageType().wire());
    fields.put(
        ScenarioFields.CONVERSATION_STARTS_AT,
        c.conversationStartsAt() == null ? null : WrittenTime.of(c.conversationStartsAt()));
    return new RemoteResource(
        ResourceKind.SCENARIO,
        s.id(),
        s.name(),
        s.tags(),
        fields,
        s.updatedAt(),
        s.latest().number(),
        s.latest().creator());
  }

  /** Writes one kind's resources; returns the number of failures. */
  private int pullKind(
      KindSpec k,
      List<Pulled> pulled,
      Map<String, String> names,
      List<Resource> existing,
      Map<String, Integer> docsPerFile,
      Path abs,
      Path realDir,
      Ownership ownership,
      Set<String> ignoredTagKeys) {
    Path folder = k.files().folder().isEmpty() ? abs : abs.resolve(k.files().folder());
    String schemaRef = schemaRef(folder, k);
    // Oldest first where the API says when (scenarios), else by name: the first of two colliding
    // names keeps the plain file name, the same one every time.
    List<Pulled> ordered = new ArrayList<>(pulled);
    ordered.sort(
        Comparator.comparing(Pulled::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(p -> p.createdAt() == null ? p.resource().name() : "")
            .thenComparing(p -> p.resource().id()));
    Map<String, Resource> declared = new HashMap<>();
    Set<String> taken = new HashSet<>();
    for (Resource r : existing) {
      if (r.kind() == k.kind()) {
        declared.putIfAbsent(PyText.strip(r.name()), r);
        taken.add(Path.of(r.source().file()).getFileName().toString().toLowerCase(Locale.ROOT));
      }
    }
    Map<String, Integer> counts =
        new LinkedHashMap<>(
            Map.of("wrote", 0, "unchanged", 0, "skipped", 0, "overwrote", 0, "failed", 0));
    for (Pulled p : ordered) {
      RemoteResource r = p.resource();
      Map<String, String> wantedTags =
          withoutIgnored(withoutOwnership(r.tags(), ownership), ignoredTagKeys);
      Resource local = declared.get(PyText.strip(r.name()));
      Map<String, String> envRefs = local == null ? Map.of() : envRefs(k, local);
      String text =
          ResourceWriter.write(k, r.name(), wantedTags, r.fields(), names::get, envRefs, schemaRef);
      String unsafe =
          unsafeField(
              k, ResourceWriter.document(k, r.name(), wantedTags, r.fields(), names::get, envRefs));
      String status;
      String shownFile;
      if (local != null) {
        Path file = ctx.cwd().resolve(local.source().file());
        shownFile = local.source().file();
        if (same(k, local, r, wantedTags, names, envRefs)) {
          status = "unchanged";
        } else if (unsafe != null) {
          status = "skipped";
          shownFile += " (the remote " + unsafe + UNSAFE;
        } else if (docsPerFile.getOrDefault(local.source().file(), 1) > 1) {
          status = "skipped";
          shownFile += " (a multi-document file: edit it by hand)";
        } else if (force && !Files.exists(file)) {
          // its name did not survive the locale's file-name encoding (LANG unset): never guess
          status = "skipped";
          shownFile += " (its name cannot be written in this locale; set LANG=C.UTF-8)";
        } else if (force) {
          String failed = write(file, realDir, text);
          status = failed == null ? "overwrote" : "failed";
          shownFile += failed == null ? "" : " (" + failed + ")";
        } else {
          status = "skipped";
          shownFile += " (differs from the remote; --force overwrites)";
        }
      } else {
        Path file = folder.resolve(fileName(k, r.name(), taken));
        shownFile = Paths.display(file, ctx.cwd());
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
          failed = createFolder(folder);
          if (failed == null) {
            failed = write(file, realDir, text);
          }
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
            "Pulled %d %s%s into %s: %d written, %d unchanged, %d skipped, %d overwritten,"
                + " %d failed%n",
            ordered.size(),
            k.kind().word().replace('_', ' '),
            ordered.size() == 1 ? "" : "s",
            Paths.display(abs, ctx.cwd()),
            counts.get("wrote"),
            counts.get("unchanged"),
            counts.get("skipped"),
            counts.get("overwrote"),
            counts.get("failed"));
    return counts.get("failed");
  }

  /** Why a kind's folder under DIR cannot be made, or null. */
  private static String createFolder(Path folder) {
    if (Files.exists(folder) && !Files.isDirectory(folder)) {
      return "a file stands where the folder " + folder.getFileName() + " should go; not written";
    }
    try {
      Files.createDirectories(folder);
      return null;
    } catch (IOException e) {
      return "cannot create the folder: " + LocalFile.reason(e);
    }
  }

  /**
   * Whether a file's resource already says what the remote one does, as the server stores them (so
   * a file's own YAML style, and how it spells a time, are kept): the documents both would write,
   * each field in its compared form, are equal.
   */
  private static boolean same(
      KindSpec k,
      Resource local,
      RemoteResource remote,
      Map<String, String> remoteTags,
      Map<String, String> names,
      Map<String, String> envRefs) {
    return ResourceWriter.document(
            k,
            PyText.strip(local.name()),
            Tags.normalized(local.tags()),
            compared(k, local.fields()),
            names::get,
            envRefs)
        .equals(
            ResourceWriter.document(
                k,
                PyText.strip(remote.name()),
                Tags.normalized(remoteTags),
                compared(k, remote.fields()),
                names::get,
                envRefs));
  }

  private static Map<String, Object> compared(KindSpec k, Map<String, Object> fields) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (FieldSpec f : k.fields()) {
      if (fields.containsKey(f.name())) {
        out.put(f.name(), f.rule().normalize(fields.get(f.name())));
      }
    }
    return out;
  }

  /** The placeholders a file already uses for its sensitive keys, by {@code field/key}. */
  private static Map<String, String> envRefs(KindSpec k, Resource local) {
    Map<String, String> out = new HashMap<>();
    for (FieldSpec f : k.fields()) {
      if (f.rule() == FieldRule.SENSITIVE_MAP
          && local.fields().get(f.name()) instanceof Map<?, ?> m) {
        m.forEach(
            (key, x) -> {
              if (x instanceof Secret s) {
                out.put(f.name() + "/" + key, s.source());
              }
            });
      }
    }
    return out;
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

  private static final String UNSAFE =
      " holds a control character, which validate refuses; fix it in the UI)";

  /**
   * The first field of a document to write that holds a control character, or null: multi-line text
   * may hold a carriage return (a CRLF line end), nothing else may.
   */
  private static String unsafeField(KindSpec k, Map<String, Object> doc) {
    for (var e : doc.entrySet()) {
      boolean text = k.field(e.getKey()).map(f -> f.rule() == FieldRule.TEXT).orElse(false);
      if (holdsControl(e.getValue(), text)) {
        return e.getKey();
      }
    }
    return null;
  }

  private static boolean holdsControl(Object v, boolean crAllowed) {
    if (v instanceof String s) {
      return ControlChars.first(s, crAllowed) >= 0;
    }
    if (v instanceof Map<?, ?> m) {
      return m.entrySet().stream()
          .anyMatch(e -> holdsControl(e.getKey(), false) || holdsControl(e.getValue(), crAllowed));
    }
    if (v instanceof List<?> l) {
      return l.stream().anyMatch(x -> holdsControl(x, crAllowed));
    }
    return false;
  }

  /**
   * The slug, or slug plus a short hash of the name when another resource of the kind already has
   * it, when the slug is empty, or when the name would be one scenario-sync does not read (its
   * configuration file).
   */
  private static String fileName(KindSpec k, String remoteName, Set<String> taken) {
    String slug = ResourceWriter.slug(remoteName);
    String name = slug + ".yaml";
    if (slug.isEmpty()
        || !ScenarioFinder.isScenarioFileName(name)
        || name.equalsIgnoreCase(ScenarioFinder.CONFIG_FILE)
        || !taken.add(name.toLowerCase(Locale.ROOT))) {
      if (slug.isEmpty()) {
        slug = k.kind().word().replace('_', '-');
      }
      String hash =
          ScenarioLoader.sha256(remoteName.getBytes(StandardCharsets.UTF_8)).substring(0, 8);
      name = slug + "-" + hash + ".yaml";
      taken.add(name.toLowerCase(Locale.ROOT));
    }
    return name;
  }

  /** {@code k:v}, {@code k:*} (any value), {@code k:} (null value): all must match. */
  static boolean matches(Map<String, String> tags, List<String> filters) {
    Map<String, String> t = Tags.normalized(tags);
    for (String f : filters) {
      int colon = f.indexOf(':');
      String key = colon < 0 ? f : f.substring(0, colon);
      String value = colon < 0 ? "*" : f.substring(colon + 1);
      if (!t.containsKey(key)) {
        return false;
      }
      if (value.equals("*")) {
        continue;
      }
      if (value.isEmpty() ? t.get(key) != null : !value.equals(t.get(key))) {
        return false;
      }
    }
    return true;
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

  /** A path to the kind's schema when the folder is inside a checkout that has it. */
  private static String schemaRef(Path dir, KindSpec k) {
    for (Path d = dir; d != null; d = d.getParent()) {
      Path schema = d.resolve("schemas").resolve(k.schemaFile());
      if (Files.isRegularFile(schema)) {
        return dir.relativize(schema).toString().replace('\\', '/');
      }
    }
    return SCHEMA_BASE + k.schemaFile();
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
