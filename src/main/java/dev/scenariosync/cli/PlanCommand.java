package dev.scenariosync.cli;

import dev.scenariosync.files.ConfigFile;
import dev.scenariosync.files.LocalFile;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.plan.Plan;
import dev.scenariosync.plan.PlanOptions;
import dev.scenariosync.plan.Target;
import dev.scenariosync.plan.file.PlanJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plan}: what apply would change, as a readable diff, Markdown or JSON. */
@Command(
    name = "plan",
    description = "Show what apply would change: the files against the remote latest versions.",
    mixinStandardHelpOptions = true)
final class PlanCommand implements Callable<Integer> {
  private final CliContext ctx;

  @Mixin PlanningOptions planning;
  @Mixin ConnectionOptions connection;
  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text (default), markdown (for a pull-request comment) or json.")
  Planning.Format format;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Also save the plan to FILE, for 'apply --plan FILE'.")
  Path out;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when the plan has changes (0 when none).")
  boolean detailedExitcode;

  @Option(
      names = "--commit",
      paramLabel = "SHA",
      description =
          "The commit the plan describes, named in the Markdown heading (default: GITHUB_SHA or"
              + " CI_COMMIT_SHA when set).")
  String commit;

  PlanCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    ConfigFile.Config config = configOptions.load(ctx);
    PlanOptions options = planning.resolve(config);
    List<Path> roots = planning.roots(ctx, config);
    ScenarioLoader.Result files = Planning.load(ctx, roots, options, planning.followExternalLinks);
    Target target = Targeting.resolve(ctx, planning, config, roots, files, options);
    try (Connection conn = Connection.open(ctx, connection, configOptions.defaults(ctx, config))) {
      Planning.Planned planned = Planning.planned(ctx, conn, files, options, target);
      Plan plan = planned.plan();
      PlanJson.Meta meta = Planning.meta(ctx, conn, roots, files, options);
      // Rendered and flushed before a refusal's non-zero exit: CI posts it, refusals first.
      ctx.out()
          .print(
              Planning.render(
                  ctx,
                  format,
                  plan,
                  meta,
                  Planning.context(ctx, commit, meta, conn.settings.credentials().userId())
                      .withKept(planned.kept())));
      ctx.out().flush();
      if (!plan.refusals().isEmpty()) {
        throw new UserError("the plan is refused: " + String.join("; ", plan.refusals()));
      }
      if (out != null) {
        save(ctx.cwd().resolve(out), PlanJson.write(plan, meta));
        ctx.err()
            .println(
                "Saved the plan to "
                    + out
                    + ". Apply exactly this plan with: scenario-sync apply --plan "
                    + out);
      }
      return detailedExitcode && plan.hasChanges() ? ExitCode.CHANGES : ExitCode.OK;
    }
  }

  /**
   * Written atomically: a temporary file beside it, then renamed; the temporary file never outlives
   * a failure.
   */
  static void save(Path file, String text) {
    Path tmp = null;
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      tmp = Files.createTempFile(dir, ".plan-", ".tmp");
      Files.writeString(tmp, text, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UserError("cannot write " + file + ": " + LocalFile.reason(e));
    } finally {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // nothing more can be done; the error above is what the user needs
        }
      }
    }
  }
}
