package dev.scenariosync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The README is the contract with a user: every command it documents exists, every command has its
 * section, and every flag a command's section names is a flag of that command.
 */
class ReadmeTest {
  static final Pattern COMMAND_HEADING = Pattern.compile("^### `scenario-sync ([a-z]+)");
  static final Pattern FLAG = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*[a-z]");

  static CommandLine root() {
    return OfflineCli.commandLine();
  }

  /** The README's sections, by heading, with their lines. */
  static Map<String, List<String>> sections() throws IOException {
    Map<String, List<String>> out = new LinkedHashMap<>();
    List<String> current = new ArrayList<>();
    out.put("", current);
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      if (line.startsWith("## ") || line.startsWith("### ")) {
        current = new ArrayList<>();
        out.put(line, current);
      } else {
        current.add(line);
      }
    }
    return out;
  }

  static final Pattern CODE_SPAN = Pattern.compile("`([a-z]+)( [^`]*)`");

  /**
   * The flags the lines name, by command: a code span that starts with a command's name ({@code
   * `apply --plan FILE`}) names that command's flags; any other flag belongs to {@code section}.
   */
  static Map<String, Set<String>> flagsByCommand(
      List<String> lines, String section, Set<String> commands) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    List<String> rest = new ArrayList<>();
    for (String line : lines) {
      Matcher span = CODE_SPAN.matcher(line);
      StringBuilder kept = new StringBuilder();
      while (span.find()) {
        boolean other = commands.contains(span.group(1)) && !span.group(1).equals(section);
        if (other) {
          out.computeIfAbsent(span.group(1), k -> new TreeSet<>())
              .addAll(flags(List.of(span.group(2))));
        }
        span.appendReplacement(kept, other ? "" : Matcher.quoteReplacement(span.group()));
      }
      span.appendTail(kept);
      rest.add(kept.toString());
    }
    out.computeIfAbsent(section, k -> new TreeSet<>()).addAll(flags(rest));
    return out;
  }

  static Set<String> flags(List<String> lines) {
    Set<String> out = new TreeSet<>();
    boolean inCode = false;
    for (String line : lines) {
      if (line.startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      if (inCode) {
        continue; // examples in code blocks are checked by parsing them whole, below
      }
      Matcher m = FLAG.matcher(line);
      while (m.find()) {
        out.add(m.group());
      }
    }
    return out;
  }

  static void assertHasOption(CommandLine cmd, String flag, String where) {
    assertThat(cmd.getCommandSpec().findOption(flag))
        .as(
            "%s documents %s, which 'scenario-sync %s' does not have",
            where, flag, cmd.getCommandName())
        .isNotNull();
  }

  @Test
  void everyCommandHasASectionAndEverySectionACommand() throws IOException {
    Set<String> documented = new TreeSet<>();
    for (String heading : sections().keySet()) {
      Matcher m = COMMAND_HEADING.matcher(heading);
      if (m.find()) {
        documented.add(m.group(1));
      }
    }
    Set<String> commands = new TreeSet<>(root().getSubcommands().keySet());
    commands.remove("help");
    assertThat(documented).isEqualTo(commands);
  }

  @Test
  void everyFlagACommandSectionNamesExistsOnThatCommand() throws IOException {
    CommandLine root = root();
    int checked = 0;
    for (Map.Entry<String, List<String>> s : sections().entrySet()) {
      Matcher m = COMMAND_HEADING.matcher(s.getKey());
      if (!m.find()) {
        continue;
      }
      Map<String, Set<String>> named =
          flagsByCommand(s.getValue(), m.group(1), root.getSubcommands().keySet());
      for (Map.Entry<String, Set<String>> e : named.entrySet()) {
        for (String flag : e.getValue()) {
          assertHasOption(root.getSubcommands().get(e.getKey()), flag, s.getKey());
          checked++;
        }
      }
    }
    assertThat(checked).as("flags checked").isGreaterThan(40);
  }

  @Test
  void connectionSettingsAndGlobalFlagsExistWhereTheReadmeSays() throws IOException {
    CommandLine root = root();
    Map<String, List<String>> sections = sections();
    String connection = "### Connection settings (plan, apply, drift, pull, ls, history, test)";
    assertThat(sections).containsKey(connection);
    Set<String> connectionFlags = flags(sections.get(connection));
    assertThat(connectionFlags).contains("--org", "--local", "--rate-limit", "--stats");
    for (String name : List.of("plan", "apply", "drift", "pull", "ls", "history", "test")) {
      for (String flag : connectionFlags) {
        assertHasOption(root.getSubcommands().get(name), flag, connection);
      }
    }
    for (String name :
        List.of("validate", "plan", "apply", "drift", "pull", "ls", "history", "test")) {
      assertHasOption(root.getSubcommands().get(name), "--config", "Global flags");
      assertHasOption(root.getSubcommands().get(name), "--env", "Global flags");
    }
    for (CommandLine cmd : root.getSubcommands().values()) {
      if (!cmd.getCommandName().equals("help")) {
        assertHasOption(cmd, "--help", "Global flags");
        assertHasOption(cmd, "--version", "Global flags");
      }
    }
  }

  @Test
  void everyCommandLineInTheReadmeParses() throws IOException {
    int parsed = 0;
    for (String line : Files.readAllLines(Path.of("README.md"))) {
      int at = line.indexOf("./scenario-sync ");
      if (at < 0) {
        continue;
      }
      String args = line.substring(at + "./scenario-sync ".length()).split("[#`|>]")[0].trim();
      root().parseArgs(args.split("\\s+")); // throws on an unknown command or flag
      parsed++;
    }
    assertThat(parsed).isGreaterThanOrEqualTo(3);
  }

  @Test
  void theExitCodeTableIsTheCodesTheToolUses() throws IOException {
    List<String> table = sections().get("## Exit codes");
    List<Integer> codes = new ArrayList<>();
    for (String line : table) {
      Matcher m = Pattern.compile("^\\| (\\d) \\|").matcher(line);
      if (m.find()) {
        codes.add(Integer.parseInt(m.group(1)));
      }
    }
    assertThat(codes)
        .containsExactly(
            ExitCode.OK,
            ExitCode.ERROR,
            ExitCode.CHANGES,
            ExitCode.APPLY_FAILED,
            ExitCode.CONFLICT,
            ExitCode.TESTS_FAILED);
  }
}
