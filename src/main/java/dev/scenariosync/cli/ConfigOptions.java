package dev.scenariosync.cli;

import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.render.DiagnosticRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --config} and {@code --env}: which configuration file and which of its environments. */
final class ConfigOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The configuration file (default: scenario-sync.yaml here or in a parent, up to the repository root).")
  Path config;

  @Option(
      names = "--env",
      paramLabel = "NAME",
      description = "An environment of the configuration file (default: its default_environment).")
  String env;

  /** The configuration, checked; an invalid file ends the command with its positioned errors. */
  ConfigFile.Config load(CliContext ctx) {
    Optional<Path> file =
        config != null ? Optional.of(ctx.cwd().resolve(config)) : ConfigFile.find(ctx.cwd());
    if (file.isEmpty()) {
      if (env != null) {
        throw new UserError(
            "--env " + env + " needs a configuration file (scenario-sync.yaml) with environments");
      }
      return ConfigFile.Config.empty();
    }
    if (!java.nio.file.Files.exists(file.get(), java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new UserError("no configuration file " + config);
    }
    ConfigFile.Result r = ConfigFile.read(file.get(), ctx.cwd());
    if (r.config() == null) {
      ctx.err().print(DiagnosticRenderer.text(r.diagnostics()));
      throw new UserError("the configuration file is invalid");
    }
    return r.config();
  }

  /** The selected environment's defaults, below flags and environment variables. */
  Defaults defaults(CliContext ctx, ConfigFile.Config c) {
    String name = env != null ? env : c.defaultEnvironment();
    if (name == null) {
      return Defaults.none();
    }
    ConfigFile.Environment e = c.environments().get(name);
    if (e == null) {
      throw new UserError(
          "no environment '"
              + name
              + "' in "
              + c.file()
              + " (there are: "
              + String.join(", ", c.environments().keySet())
              + ")");
    }
    String base =
        e.baseUrl() != null
            ? e.baseUrl()
            : e.region() != null ? ConnectionOptions.Region.parse(e.region()).url : null;
    for (String var : List.of("AMIGO_ORGANIZATION_ID", "AMIGO_BASE_URL")) {
      boolean fileSets =
          var.equals("AMIGO_ORGANIZATION_ID") ? e.organization() != null : base != null;
      if (fileSets && ctx.env(var) != null) {
        ctx.err()
            .println(
                "warning: "
                    + var
                    + " is set and wins over environment '"
                    + name
                    + "' of "
                    + c.file().getFileName());
      }
    }
    return new Defaults(e.organization(), base, Boolean.TRUE.equals(e.local()));
  }
}
