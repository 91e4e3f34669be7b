package dev.scenariosync.emulator;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's data: per organization, scenarios with their versions and unit tests. All access
 * goes through {@link #read} or {@link #write} under one lock, so concurrent requests see a
 * consistent state; every write is saved (when a state file is set) before the answer is sent.
 */
final class Store {
  static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  /** A user, as {@code {org_id, user_id}}. */
  public static final class User {
    public String org_id;
    public String user_id;

    public User() {}

    User(String org, String user) {
      this.org_id = org;
      this.user_id = user;
    }

    String key() {
      return org_id + "," + user_id;
    }
  }

  /** One version of a scenario. */
  public static final class Version {
    public String id;
    public int version;
    public String objective;
    public String instructions;
    public String initial_message_type;
    public String conversation_starts_at;
    public User creator;
    public String created_at;
    public String updated_at;
  }

  /**
   * What scenarios and unit tests both have, and what the list endpoints filter, sort and page on.
   * {@code seq} orders every change in the store, so equal {@code updated_at}s still sort.
   */
  public abstract static class Listed {
    public String id;
    public long seq;
    public String name;
    public Map<String, String> tags = new LinkedHashMap<>();
    public boolean is_deleted;
    public String created_at;
    public User creator;
    public String updated_at;
    public User updated_by;
  }

  /** A scenario and its versions, oldest first. */
  public static final class Scenario extends Listed {
    public List<Version> versions = new ArrayList<>();

    Version latest() {
      return versions.get(versions.size() - 1);
    }
  }

  /** A unit test; only what delete-safety and the list endpoint need is interpreted. */
  public static final class UnitTest extends Listed {
    public String description;
    public String service_id;
    public String service_version_set_name;
    public String persona_id;
    public String scenario_id;
    public int max_interactions;
    public tools.jackson.databind.JsonNode success_criterions;
  }

  /** One organization's data. */
  public static final class Org {
    public List<Scenario> scenarios = new ArrayList<>();
    public List<UnitTest> unit_tests = new ArrayList<>();
  }

  /** What is saved: a format marker and the organizations. */
  public static final class State {
    public String format = "scenario-sync-emulator-state";
    public int format_version = 1;
    public long next_seq = 1;
    public Map<String, Org> organizations = new TreeMap<>();
  }

  private final State state;
  private final Path file;
  private final StateLock lock;
  private boolean closed;
  private final SecureRandom random = new SecureRandom();
  private final AtomicInteger counter = new AtomicInteger(random.nextInt());

  /**
   * Reads the state file, if any, under a {@link StateLock} held until {@link #close}; a file in
   * use by another process, or corrupt, is refused with a {@link StateFileException}.
   */
  Store(List<String> organizations, Path file) {
    this.file = file;
    this.lock = file == null ? null : StateLock.acquire(file);
    try {
      this.state = file != null && Files.exists(file) ? load(file) : new State();
    } catch (RuntimeException e) {
      lock.close();
      throw e;
    }
    for (String org : organizations) {
      state.organizations.computeIfAbsent(org, o -> new Org());
    }
  }

  private static State load(Path file) {
    try {
      State s = JSON.readValue(file.toFile(), State.class);
      if (s == null
          || !"scenario-sync-emulator-state".equals(s.format)
          || s.organizations == null) {
        throw new StateFileException(
            "state file "
                + file
                + " is not an emulator state file; move it away or pass another --state");
      }
      return s;
    } catch (JacksonException e) {
      throw new StateFileException(
          "state file "
              + file
              + " is corrupt ("
              + e.getOriginalMessage()
              + "); it was left as it is: move it away or pass another --state");
    }
  }

  boolean hasOrg(String org) {
    synchronized (this) {
      return state.organizations.containsKey(org);
    }
  }

  interface Reader<T> {
    T apply(Org org);
  }

  interface Writer<T> {
    T apply(Org org, long seq);
  }

  synchronized <T> T read(String org, Reader<T> reader) {
    return reader.apply(state.organizations.get(org));
  }

  /** Runs a change and saves the state before returning, so an answer is never ahead of disk. */
  synchronized <T> T write(String org, Writer<T> writer) {
    if (closed) {
      throw new IllegalStateException("the emulator has stopped; the change was not made");
    }
    T result = writer.apply(state.organizations.get(org), state.next_seq++);
    save();
    return result;
  }

  /** Saves now (also used at shutdown). */
  synchronized void save() {
    if (file == null) {
      return;
    }
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".state-", ".tmp");
      try {
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), state);
        try {
          Files.move(
              tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot save the emulator state to " + file + ": " + e.getMessage(), e);
    }
  }

  /** Saves a last time and lets another process use the state file; no change after this. */
  synchronized void close() {
    if (closed) {
      return;
    }
    try {
      save();
    } finally {
      abandon();
    }
  }

  /** Lets the state file go without saving (an emulator that failed to start). */
  synchronized void abandon() {
    closed = true;
    if (lock != null) {
      lock.close();
    }
  }

  /** A new id in MongoDB ObjectId form: 4 bytes of time, 5 random bytes, a 3-byte counter. */
  String newId() {
    byte[] b = new byte[12];
    int time = (int) (System.currentTimeMillis() / 1000);
    b[0] = (byte) (time >>> 24);
    b[1] = (byte) (time >>> 16);
    b[2] = (byte) (time >>> 8);
    b[3] = (byte) time;
    byte[] r = new byte[5];
    random.nextBytes(r);
    System.arraycopy(r, 0, b, 4, 5);
    int c = counter.incrementAndGet();
    b[9] = (byte) (c >>> 16);
    b[10] = (byte) (c >>> 8);
    b[11] = (byte) c;
    return HexFormat.of().formatHex(b);
  }

  private Instant lastStamp = Instant.EPOCH;

  /**
   * Now, as the API writes times (UTC, milliseconds as MongoDB keeps them, with a Z), strictly
   * increasing within this emulator so that {@code updated_at} orders every change. Called under
   * the store's lock.
   */
  /** Marks a scenario or unit test as changed now by {@code by}. Called under the store's lock. */
  void touch(Listed e, User by) {
    e.updated_at = stamp();
    e.updated_by = by;
  }

  String stamp() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    if (!now.isAfter(lastStamp)) {
      now = lastStamp.plus(1, ChronoUnit.MILLIS);
    }
    lastStamp = now;
    return now.toString();
  }
}
