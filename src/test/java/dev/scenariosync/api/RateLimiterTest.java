package dev.scenariosync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  final AtomicLong now = new AtomicLong(0);
  static final Duration MINUTE = Duration.ofMinutes(1);
  static final Duration MARGIN = RateLimiter.MARGIN;

  RateLimiter limiter(RateLimiter.Mode mode) {
    return new RateLimiter(mode, now::get, MINUTE);
  }

  void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void adaptiveIsFreeUntilTheServerSignalsThenKeepsTheWindow() {
    RateLimiter l = limiter(RateLimiter.Mode.ADAPTIVE);
    for (int i = 0; i < 600; i++) {
      assertThat(l.reserve(Endpoint.VERSION_GET)).isZero();
      advance(Duration.ofMillis(10)); // 600 calls in 6 s: more than the server allows
    }
    l.onThrottled(Endpoint.VERSION_GET, Duration.ofSeconds(55));
    // The last 500 recorded calls started at t = 1 s: the next may go at 1 s + 60 s + margin.
    assertThat(l.reserve(Endpoint.VERSION_GET)).isEqualTo(Duration.ofSeconds(55).plus(MARGIN));
    assertThat(l.reserve(Endpoint.VERSION_GET))
        .as("then as fast as the old calls leave")
        .isEqualTo(Duration.ofSeconds(55).plus(MARGIN).plusMillis(10));
    assertThat(l.reserve(Endpoint.LIST)).as("other endpoints are not slowed").isZero();
    assertThat(l.isLimited(Endpoint.LIST)).isFalse();
  }

  @Test
  void upToTheLimitCallsAreFreeThenOneProbeShowsTheServerHasRoom() throws Exception {
    RateLimiter l = limiter(RateLimiter.Mode.ADAPTIVE);
    for (int i = 1; i <= 50; i++) { // search: 50 per minute
      RateLimiter.Permit p = l.acquire(Endpoint.SEARCH);
      assertThat(p.probe).as("call %d is free", i).isFalse();
      l.release(p, false);
    }
    RateLimiter.Permit probe = l.acquire(Endpoint.SEARCH);
    assertThat(probe.probe).as("the 51st call in the minute probes").isTrue();
    l.release(probe, false);
    // it was accepted: the server has room, no more probing
    assertThat(l.acquire(Endpoint.SEARCH).probe).isFalse();
    assertThat(l.isLimited(Endpoint.SEARCH)).isFalse();
  }

  @Test
  void theProbeWaitsUntilEveryCallInFlightIsAnsweredAndGoesAlone() throws Exception {
    RateLimiter l = limiter(RateLimiter.Mode.ADAPTIVE);
    List<RateLimiter.Permit> inFlight = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      inFlight.add(l.acquire(Endpoint.SEARCH)); // 50 calls in flight, none answered yet
    }
    BlockingQueue<RateLimiter.Permit> taken = new LinkedBlockingQueue<>();
    List<Thread> callers = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  taken.add(l.take(Endpoint.SEARCH, Long.MAX_VALUE)); // names its wait
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      callers.add(t);
    }
    for (Thread t : callers) {
      awaitWaiting(t);
    }
    for (int i = 0; i < 49; i++) {
      l.release(inFlight.get(i), false);
    }
    for (Thread t : callers) {
      awaitWaiting(t);
    }
    assertThat(taken)
        .as("one earlier call is still unanswered: the server may not count it yet")
        .isEmpty();
    l.release(inFlight.get(49), false);
    RateLimiter.Permit probe = taken.poll(30, TimeUnit.SECONDS);
    assertThat(probe).isNotNull();
    assertThat(probe.probe).isTrue();
    assertThat(taken).as("the probe goes alone").isEmpty();
    l.onThrottled(Endpoint.SEARCH, Duration.ZERO); // a 429, as the pacing step reports it
    l.release(probe, true);
    for (Thread t : callers) {
      t.join(30_000);
    }
    assertThat(taken)
        .as("the others now wait for the window, not for a probe")
        .hasSize(2)
        .allSatisfy(p -> assertThat(p.probe).isFalse())
        .allSatisfy(p -> assertThat(p.wait).isGreaterThanOrEqualTo(MINUTE));
    assertThat(l.isLimited(Endpoint.SEARCH)).isTrue();
  }

  /** Waits (not timed: until the thread blocks) for a caller to wait inside the limiter. */
  static void awaitWaiting(Thread t) throws InterruptedException {
    while (t.getState() != Thread.State.WAITING && t.isAlive()) {
      Thread.sleep(1);
    }
  }

  @Test
  void aThrottledProbeLimitsTheEndpoint() throws Exception {
    RateLimiter l = limiter(RateLimiter.Mode.ADAPTIVE);
    for (int i = 0; i < 50; i++) {
      l.release(l.acquire(Endpoint.SEARCH), false);
    }
    RateLimiter.Permit p = l.acquire(Endpoint.SEARCH);
    assertThat(p.probe).isTrue();
    l.onThrottled(Endpoint.SEARCH, Duration.ofSeconds(60));
    l.release(p, true);
    assertThat(l.isLimited(Endpoint.SEARCH)).isTrue();
    assertThat(l.reserve(Endpoint.SEARCH)).isGreaterThanOrEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void documentedAllowsTheLimitPerWindowFromTheFirstCall() {
    RateLimiter l = limiter(RateLimiter.Mode.DOCUMENTED);
    for (int i = 0; i < 50; i++) {
      assertThat(l.reserve(Endpoint.SEARCH)).isZero();
    }
    assertThat(l.reserve(Endpoint.SEARCH)).isEqualTo(MINUTE.plus(MARGIN));
    advance(Duration.ofSeconds(61));
    assertThat(l.reserve(Endpoint.SEARCH)).as("the first calls have left the window").isZero();
  }

  @Test
  void offNeverLimitsButHonoursAThrottle() {
    RateLimiter l = limiter(RateLimiter.Mode.OFF);
    l.onThrottled(Endpoint.CREATE, Duration.ofSeconds(2));
    assertThat(l.reserve(Endpoint.CREATE)).isEqualTo(Duration.ofSeconds(2));
    advance(Duration.ofSeconds(2));
    for (int i = 0; i < 1000; i++) {
      assertThat(l.reserve(Endpoint.CREATE)).isZero();
    }
    assertThat(l.isLimited(Endpoint.CREATE)).isFalse();
  }

  @Test
  void signInIsHeldToFiveInAnyMinute() {
    RateLimiter l = limiter(RateLimiter.Mode.OFF);
    for (int i = 0; i < 5; i++) {
      assertThat(l.reserve(Endpoint.SIGN_IN)).isZero();
    }
    assertThat(l.reserve(Endpoint.SIGN_IN)).isEqualTo(MINUTE.plus(MARGIN));
  }

  @Test
  void rateLimitHeadersLimitAndHoldUntilReset() {
    RateLimiter l = limiter(RateLimiter.Mode.ADAPTIVE);
    l.onHeaders(Endpoint.LIST, 100, 0, 10L, 4_000);
    assertThat(l.isLimited(Endpoint.LIST)).isTrue();
    assertThat(l.reserve(Endpoint.LIST)).isEqualTo(Duration.ofSeconds(6));
  }
}
