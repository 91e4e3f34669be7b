package dev.scenariosync.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import dev.scenariosync.api.Progress;
import dev.scenariosync.support.Cli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the CLI shows the client's waits and a long read's progress on stderr (issue 14 §6). */
@WireMockTest
class StatusLineTest {
  final StringWriter err = new StringWriter();
  final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-29T10:00:00Z"));

  StatusLine line(boolean terminal) {
    return new StatusLine(new PrintWriter(err, true), terminal, now::get, false);
  }

  void later(Duration d) {
    now.set(now.get().plus(d));
  }

  @Test
  void offATerminalAHoldIsOneLine() {
    try (StatusLine s = line(false)) {
      s.holding(
          new Progress.Hold(
              now.get().plusSeconds(52), "create scenario is limited to 500 a minute"));
    }
    assertThat(err.toString())
        .isEqualTo(
            "waiting 52 s: create scenario is limited to 500 a minute" + System.lineSeparator());
  }

  @Test
  void offATerminalReadsAreAtMostALineEveryFiveSeconds() {
    try (StatusLine s = line(false)) {
      for (int done = 1; done <= 100; done++) {
        s.reads("latest versions", done, 100);
        later(Duration.ofMillis(200)); // 20 s in all
      }
    }
    assertThat(err.toString().lines())
        .containsExactly(
            "latest versions: 26 read, 74 left",
            "latest versions: 51 read, 49 left",
            "latest versions: 76 read, 24 left");
  }

  @Test
  void aQuickReadSaysNothing() {
    try (StatusLine s = line(false)) {
      for (int done = 1; done <= 100; done++) {
        s.reads("latest versions", done, 100);
      }
    }
    try (StatusLine s = line(true)) {
      for (int done = 1; done <= 100; done++) {
        s.reads("latest versions", done, 100);
      }
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void onATerminalTheLineIsRedrawnInPlaceAndClearedWhenDone() {
    try (StatusLine s = line(true)) {
      s.holding(
          new Progress.Hold(now.get().plusSeconds(3), "list scenarios is limited to 200 a minute"));
      s.reads("latest versions", 1, 4);
      later(Duration.ofSeconds(1));
      s.tick();
      later(Duration.ofSeconds(2));
      s.tick(); // the hold is over
      s.reads("latest versions", 4, 4);
    }
    assertThat(err.toString())
        .isEqualTo(
            "\rwaiting 3 s: list scenarios is limited to 200 a minute\033[K"
                + "\rwaiting 3 s: list scenarios is limited to 200 a minute"
                + " (latest versions: 1 read, 3 left)\033[K"
                + "\rwaiting 2 s: list scenarios is limited to 200 a minute"
                + " (latest versions: 1 read, 3 left)\033[K"
                + "\rlatest versions: 1 read, 3 left\033[K"
                + "\r\033[K");
  }

  @Test
  void controlCharactersNeverReachTheTerminal() {
    try (StatusLine s = line(true)) {
      s.holding(new Progress.Hold(now.get().plusSeconds(9), "x\033]0;owned\007 is limited"));
    }
    assertThat(err.toString())
        .doesNotContain("\033]")
        .doesNotContain("\007")
        .contains("x\\x1b]0;owned\\x07");
  }

  @Test
  void planSaysOnceWhyItWaitsForARetryAfter(WireMockRuntimeInfo wm, @TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("s.yaml"),
        """
        name: Move
        objective: Move an appointment.
        instructions: Be polite.
        initial_message_type: user-message
        """);
    stubFor(
        post(urlEqualTo("/v1/acme/user/signin_with_api_key"))
            .willReturn(
                okJson(
                    "{\"id_token\": \"t\", \"expires_at\": \""
                        + Instant.now().plus(Duration.ofHours(1))
                        + "\"}")));
    String list = "/v1/acme/simulation/scenario/";
    stubFor(
        get(urlPathEqualTo(list))
            .inScenario("429")
            .whenScenarioStateIs(STARTED)
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "3")
                    .withBody("{\"detail\": \"slow down \\u001b[31m\"}"))
            .willSetStateTo("ok"));
    stubFor(
        get(urlPathEqualTo(list))
            .inScenario("429")
            .whenScenarioStateIs("ok")
            .willReturn(
                okJson(
                    "{\"simulation_scenarios\": [], \"has_more\": false,"
                        + " \"continuation_token\": null, \"filter_values\": null}")));
    Cli.Result r =
        new Cli(dir)
            .env("AMIGO_BASE_URL", wm.getHttpBaseUrl())
            .env("AMIGO_ORGANIZATION_ID", "acme")
            .env("AMIGO_API_KEY", "k")
            .env("AMIGO_API_KEY_ID", "i")
            .env("AMIGO_USER_ID", "u")
            .run("plan", ".");
    assertThat(r.exit()).as(r.all()).isZero();
    assertThat(r.err().lines().filter(l -> l.startsWith("waiting ")))
        .containsExactly(
            "waiting 3 s: list scenarios is limited to 200 a minute"
                + " (the API answered 429 with Retry-After)");
    assertThat(r.all()).doesNotContain("\033[31m").doesNotContain("slow down");
  }
}
