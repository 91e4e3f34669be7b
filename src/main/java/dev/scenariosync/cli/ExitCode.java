package dev.scenariosync.cli;

/** The process exit codes, Terraform's convention extended for apply (see the README). */
public final class ExitCode {
  public static final int OK = 0;
  public static final int ERROR = 1;
  public static final int CHANGES = 2;
  public static final int APPLY_FAILED = 3;
  public static final int CONFLICT = 4;
  public static final int TESTS_FAILED = 5;

  private ExitCode() {}
}
