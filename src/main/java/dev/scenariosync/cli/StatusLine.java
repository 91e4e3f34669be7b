package dev.scenariosync.cli;

import dev.scenariosync.api.Progress;
import dev.scenariosync.render.Safe;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Says on stderr why the client waits and how far a long read has come. On a terminal, one line
 * updated in place (a countdown while calls are held, reads done and left), cleared when done; off
 * a terminal, each hold as one line when it starts, and reads at most one line every {@link
 * #LOG_EVERY}, so CI logs stay short.
 */
final class StatusLine implements Progress, AutoCloseable {
  /** Off a terminal: the least time between two lines about reads (the first after as long). */
  static final Duration LOG_EVERY = Duration.ofSeconds(5);

  /** On a terminal: reads are shown once they have taken this long (or while calls are held). */
  static final Duration SHOW_AFTER = Duration.ofSeconds(1);

  private final PrintWriter err;
  private final boolean terminal;
  private final Supplier<Instant> clock;
  private ScheduledExecutorService ticker;
  private Hold hold;
  private String reads;
  private Instant readsStarted;
  private Instant lastLogged;
  private boolean drawn;

  private final boolean ticking;

  /** {@code ticking}: redraw once a second by itself (tests call {@link #tick} instead). */
  StatusLine(PrintWriter err, boolean terminal, Supplier<Instant> clock, boolean ticking) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
    this.ticking = ticking;
  }

  static StatusLine of(CliContext ctx) {
    return new StatusLine(
        ctx.err(), ctx.interactive() && !"dumb".equals(ctx.env("TERM")), Instant::now, true);
  }

  @Override
  public synchronized void holding(Hold h) {
    Instant now = clock.get();
    if (!terminal) {
      err.println(safe(h.message(now)));
      err.flush();
      return;
    }
    hold = h;
    draw(now);
    if (ticker == null && ticking) {
      ticker =
          Executors.newSingleThreadScheduledExecutor(
              r -> {
                Thread t = new Thread(r, "scenario-sync-status");
                t.setDaemon(true);
                return t;
              });
      ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
    }
  }

  @Override
  public synchronized void reads(String what, int done, int total) {
    Instant now = clock.get();
    if (readsStarted == null) {
      readsStarted = now;
      lastLogged = now;
    }
    if (done >= total) {
      reads = null;
      readsStarted = null;
      if (terminal) {
        draw(now);
      }
      return;
    }
    reads = what + ": " + done + " read, " + (total - done) + " left";
    if (!terminal) {
      if (!now.isBefore(lastLogged.plus(LOG_EVERY))) {
        err.println(safe(reads));
        err.flush();
        lastLogged = now;
      }
      return;
    }
    if (hold != null || drawn || !now.isBefore(readsStarted.plus(SHOW_AFTER))) {
      draw(now);
    }
  }

  /** Once a second on a terminal: the countdown moves, and a hold that is over goes. */
  synchronized void tick() {
    draw(clock.get());
  }

  private void draw(Instant now) {
    if (hold != null && hold.secondsLeft(now) == 0) {
      hold = null;
    }
    String text =
        hold == null
            ? (reads == null ? "" : reads)
            : hold.message(now) + (reads == null ? "" : " (" + reads + ")");
    synchronized (err) { // as apply's progress lines: never mixed within a line
      if (text.isEmpty()) {
        if (drawn) {
          err.print("\r\033[K");
          err.flush();
          drawn = false;
        }
        return;
      }
      err.print("\r" + safe(text) + "\033[K");
      err.flush();
      drawn = true;
    }
  }

  /** The texts are the client's own; escaped all the same, so nothing can steer the terminal. */
  private static String safe(String s) {
    return Safe.oneLine(s);
  }

  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.shutdownNow();
    }
    hold = null;
    reads = null;
    draw(clock.get());
  }
}
