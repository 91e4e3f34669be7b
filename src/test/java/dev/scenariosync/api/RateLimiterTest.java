package dev.scenariosync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  final AtomicLong now = new AtomicLong(0);

  RateLimiter limiter(RateLimiter.Mode mode) {
    return new RateLimiter(mode, now::get, Duration.ofMinutes(1));
  }

  @Test
  void adaptiveDoesNotPaceUntilTheServerSignals() {
    RateLimiter l = limiter(RateLimiter.Mode.ADAPTIVE);
    for (int i = 0; i < 1000; i++) {
      assertThat(l.reserve(Endpoint.VERSION_GET)).isZero();
    }
    l.onThrottled(Endpoint.VERSION_GET, Duration.ofSeconds(30));
    assertThat(l.reserve(Endpoint.VERSION_GET)).isEqualTo(Duration.ofSeconds(30));
    assertThat(l.reserve(Endpoint.VERSION_GET))
        .as("then 500/min, 5% wide: 126 ms apart")
        .isEqualTo(Duration.ofMillis(30_126));
    assertThat(l.reserve(Endpoint.LIST)).as("other endpoints are not slowed").isZero();
  }

  @Test
  void documentedPacesFromTheFirstCall() {
    RateLimiter l = limiter(RateLimiter.Mode.DOCUMENTED);
    assertThat(l.reserve(Endpoint.SEARCH)).isZero();
    assertThat(l.reserve(Endpoint.SEARCH)).isEqualTo(Duration.ofMillis(1260));
    now.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(l.reserve(Endpoint.SEARCH)).isZero();
  }

  @Test
  void offNeverPacesButHonoursAThrottle() {
    RateLimiter l = limiter(RateLimiter.Mode.OFF);
    l.onThrottled(Endpoint.CREATE, Duration.ofSeconds(2));
    assertThat(l.reserve(Endpoint.CREATE)).isEqualTo(Duration.ofSeconds(2));
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    assertThat(l.reserve(Endpoint.CREATE)).isZero();
    assertThat(l.reserve(Endpoint.CREATE)).isZero();
    assertThat(l.isPaced(Endpoint.CREATE)).isFalse();
  }

  @Test
  void signInIsHeldToFiveInAnySixtySeconds() {
    RateLimiter l = limiter(RateLimiter.Mode.OFF);
    for (int i = 0; i < 5; i++) {
      assertThat(l.reserve(Endpoint.SIGN_IN)).isZero();
    }
    assertThat(l.reserve(Endpoint.SIGN_IN)).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void rateLimitHeadersPaceAndHoldUntilReset() {
    RateLimiter l = limiter(RateLimiter.Mode.ADAPTIVE);
    l.onHeaders(Endpoint.LIST, 100, 0, 10L, 4_000);
    assertThat(l.reserve(Endpoint.LIST)).isEqualTo(Duration.ofSeconds(6));
    assertThat(l.reserve(Endpoint.LIST)).isEqualTo(Duration.ofMillis(6_630));
  }
}
