package dev.scenariosync.plan;

/** What a plan does to one scenario, named as the user sees it. */
public enum Action {
  /** A new scenario with its first version and tags. */
  CREATE("create", "+"),
  /**
   * A unit test or unit test set changed in place (no version; guarded by its {@code updated_at},
   * read again just before the update).
   */
  UPDATE("update", "~"),
  /** A new version, sent with the expected number (remote latest + 1). */
  VERSION("version", "~"),
  /** The tag map is replaced. */
  TAGS("tags", "~"),
  /** A scenario with the file's name but without the ownership tag is taken over (with TAGS). */
  ADOPT("adopt", "~"),
  /**
   * With CREATE: a scenario whose file says {@code renamed_from}: the new name is created, the unit
   * tests of the old one are pointed at it, and the old one is deleted (its own DELETE change).
   */
  RENAME("rename", "+"),
  /** An owned scenario no file declares is deleted (only with --prune). */
  DELETE("delete", "-"),
  /** A delete that unit tests prevent: listed, skipped by apply. */
  BLOCKED("blocked", "!"),
  /**
   * A declared scenario whose ownership tag holds another owner: listed, left alone by apply
   * (unless planned with --take-over, which makes it an adopt).
   */
  FOREIGN("foreign", "!");

  private final String word;
  private final String symbol;

  Action(String word, String symbol) {
    this.word = word;
    this.symbol = symbol;
  }

  public String word() {
    return word;
  }

  public String symbol() {
    return symbol;
  }
}
