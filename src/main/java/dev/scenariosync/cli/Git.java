package dev.scenariosync.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The few git questions a targeted plan asks, answered by running {@code git} as a process in the
 * working directory: bounded in output and time, never through a shell, with the revision checked
 * before it is used so that it can never be read as an option.
 */
final class Git {
  /** More output than this from one git command is an error, not an out-of-memory. */
  static final int MAX_OUTPUT = 64 << 20;

  static final long TIMEOUT_SECONDS = 60;

  /** Git finds its executable on the PATH the JVM started with, as a shell would. */
  static final String EXECUTABLE = "git";

  /** One path that differs between the revision and the working tree (paths from the top). */
  record Difference(char status, String oldPath, String newPath) {}

  private final Path cwd;
  private final String executable;
  private final long timeoutMillis;

  Git(Path cwd) {
    this(cwd, EXECUTABLE, TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
  }

  /** With another git executable and time bound (tests: a git that hangs). */
  Git(Path cwd, String executable, long timeoutMillis) {
    if (timeoutMillis <= 0) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    this.cwd = cwd;
    this.executable = executable;
    this.timeoutMillis = timeoutMillis;
  }

  /** The repository's top folder. */
  Path topLevel() {
    return Path.of(text(run(List.of("git", "rev-parse", "--show-toplevel"), false)).strip());
  }

  /** The commit a revision names; a revision that names none is a user error naming it. */
  String commit(String ref) {
    if (ref.isEmpty() || ref.startsWith("-") || ref.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw new UserError("--changed-since: '" + printable(ref) + "' is not a git revision");
    }
    byte[] out =
        run(
            List.of(
                "git", "rev-parse", "--verify", "--quiet", "--end-of-options", ref + "^{commit}"),
            true);
    String id = out == null ? "" : text(out).strip();
    if (!id.matches("[0-9a-f]{40,64}")) {
      throw new UserError(
          "--changed-since: '" + printable(ref) + "' names no commit in this git repository");
    }
    return id;
  }

  /**
   * What differs between the commit and the working tree: added, modified, renamed (with {@code
   * -M}), deleted, plus untracked files that are not ignored (as added).
   */
  List<Difference> changedSince(String commit) {
    List<Difference> out = new ArrayList<>();
    String diff =
        text(
            run(
                List.of(
                    "git",
                    "-c",
                    "core.quotepath=off",
                    "diff",
                    "--name-status",
                    "-z",
                    "-M",
                    "--no-ext-diff",
                    // whatever diff.relative says: every path, from the top
                    "--no-relative",
                    commit,
                    "--"),
                false));
    String[] f = diff.split("\0", -1);
    for (int i = 0; i + 1 < f.length; ) {
      String status = f[i++];
      if (status.isEmpty()) {
        break;
      }
      char s = status.charAt(0);
      if ((s == 'R' || s == 'C') && i + 1 < f.length) {
        out.add(new Difference(s, f[i], f[i + 1]));
        i += 2;
      } else {
        String p = f[i++];
        out.add(new Difference(s, s == 'A' ? null : p, s == 'D' ? null : p));
      }
    }
    String untracked =
        text(
            run(
                // ":/": the whole repository, not only the current folder
                List.of(
                    "git",
                    "ls-files",
                    "--others",
                    "--exclude-standard",
                    "-z",
                    "--full-name",
                    "--",
                    ":/"),
                false));
    for (String p : untracked.split("\0")) {
      if (!p.isEmpty()) {
        out.add(new Difference('A', null, p));
      }
    }
    return out;
  }

  /** A file's bytes at the commit (path from the top), or null when too large or not there. */
  byte[] show(String commit, String path, long maxBytes) {
    byte[] out = run(List.of("git", "cat-file", "blob", commit + ":" + path), true);
    return out == null || out.length > maxBytes ? null : out;
  }

  /**
   * Runs git; a failure is a user error, or null when {@code quiet}. Its output is read on a daemon
   * thread so that the whole command, output included, is bounded in time: a git that hangs while
   * holding its output open is killed (with anything it started) at the deadline.
   */
  private byte[] run(List<String> command, boolean quiet) {
    List<String> argv = new ArrayList<>(command);
    argv.set(0, executable);
    Process p;
    try {
      ProcessBuilder pb = new ProcessBuilder(argv).directory(cwd.toFile());
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().put("GIT_TERMINAL_PROMPT", "0");
      pb.environment().put("LC_ALL", "C");
      pb.environment().remove("GIT_LITERAL_PATHSPECS"); // ":/" names the top
      p = pb.start();
    } catch (IOException e) {
      throw new UserError("--changed-since needs git, which could not be run: " + e.getMessage());
    }
    try {
      p.getOutputStream().close();
      InputStream stdout = p.getInputStream();
      CompletableFuture<byte[]> reading = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try {
                  reading.complete(readBounded(stdout));
                } catch (IOException | RuntimeException e) {
                  reading.completeExceptionally(e);
                }
              },
              "git-stdout");
      reader.setDaemon(true);
      reader.start();
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
      byte[] out;
      try {
        if (!p.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
          throw timedOut();
        }
        // Exited, but something it started may still hold the output open.
        out = reading.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw timedOut();
      } catch (ExecutionException e) {
        throw new UserError("cannot read what git printed: " + e.getCause().getMessage());
      }
      if (out == null) {
        throw new UserError("git printed more than " + (MAX_OUTPUT >> 20) + " MiB; refused");
      }
      if (p.exitValue() != 0) {
        if (quiet) {
          return null;
        }
        throw new UserError(
            printable(String.join(" ", command))
                + " failed (exit "
                + p.exitValue()
                + "); is "
                + cwd
                + " inside a git repository?");
      }
      return out;
    } catch (IOException e) {
      throw new UserError("cannot read what git printed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while waiting for git");
    } finally {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      try {
        // Unblocks the reader thread once nothing holds the pipe any more.
        p.getInputStream().close();
      } catch (IOException ignored) {
        // Nothing left to read.
      }
    }
  }

  private UserError timedOut() {
    long ms = timeoutMillis;
    String bound = ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    return new UserError("git did not finish within " + bound);
  }

  /** The stream's bytes, or null past {@link #MAX_OUTPUT} (the rest is drained). */
  private static byte[] readBounded(InputStream in) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    boolean over = false;
    for (int n; (n = in.read(chunk)) >= 0; ) {
      if (!over && buf.size() + n > MAX_OUTPUT) {
        over = true;
      }
      if (!over) {
        buf.write(chunk, 0, n);
      }
    }
    return over ? null : buf.toByteArray();
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints()
        .limit(100)
        .forEach(c -> sb.append(c < 0x20 || c == 0x7f ? "?" : Character.toString(c)));
    return sb.toString();
  }
}
