package dev.scenariosync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  final RetryPolicy p = RetryPolicy.defaults();
  final Optional<Duration> after = Optional.of(Duration.ofSeconds(1));

  @Test
  void getRetriesTheTransientStatuses() {
    for (int s : new int[] {408, 429, 500, 502, 503, 504}) {
      assertThat(p.retryStatus("GET", s, Optional.empty())).as("GET %d", s).isTrue();
    }
    for (int s : new int[] {400, 401, 403, 404, 409, 422, 501}) {
      assertThat(p.retryStatus("GET", s, after)).as("GET %d", s).isFalse();
    }
  }

  @Test
  void writesRetryOn429AndOn503WithRetryAfter() {
    assertThat(p.retryStatus("POST", 429, after)).isTrue();
    assertThat(p.retryStatus("DELETE", 503, after)).isTrue();
    assertThat(p.retryStatus("POST", 429, Optional.empty())).as("refused, not processed").isTrue();
    assertThat(p.retryStatus("DELETE", 503, Optional.empty())).isFalse();
    assertThat(p.retryStatus("POST", 500, after)).isFalse();
    assertThat(p.retryStatus("POST", 502, after)).isFalse();
    assertThat(p.retryTransport("POST", false)).as("never sent: safe").isTrue();
    assertThat(p.retryTransport("POST", true)).as("sent: outcome unknown").isFalse();
    assertThat(p.retryTransport("GET", true)).isTrue();
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Instant now = Instant.parse("2026-11-25T10:00:00Z");
    assertThat(RetryPolicy.parseRetryAfter("7", now)).contains(Duration.ofSeconds(7));
    assertThat(RetryPolicy.parseRetryAfter("Wed, 25 Nov 2026 10:00:30 GMT", now))
        .contains(Duration.ofSeconds(30));
    assertThat(RetryPolicy.parseRetryAfter("Wed, 25 Nov 2026 09:00:00 GMT", now))
        .contains(Duration.ZERO);
    assertThat(RetryPolicy.parseRetryAfter("soon", now)).isEmpty();
    assertThat(RetryPolicy.parseRetryAfter(null, now)).isEmpty();
  }

  @Test
  void backoffGrowsWithJitterUnderTheCap() {
    for (int attempt = 1; attempt < 30; attempt++) {
      Duration d = p.delay(attempt, Optional.empty());
      long cap = Math.min(20_000, 250L << Math.min(attempt - 1, 20));
      assertThat(d.toMillis()).isBetween(0L, cap);
    }
    assertThat(p.delay(3, after)).isEqualTo(Duration.ofSeconds(1));
  }
}
