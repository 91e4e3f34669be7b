package dev.scenariosync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator caps request bodies: a larger one is answered 413 without being read whole, and
 * other clients are served meanwhile. (The timeouts only stop a hang; they assert no speed.)
 */
class EmulatorBodyCapTest {
  static final Duration HANG = Duration.ofSeconds(60);
  EmulatorServer server;

  @BeforeEach
  void start() throws IOException {
    server = EmulatorServer.start(EmulatorConfig.defaults().withOrganizations(List.of("acme")));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  Socket socket() throws IOException {
    URI base = URI.create(server.baseUrl());
    Socket s = new Socket(base.getHost(), base.getPort());
    s.setSoTimeout((int) HANG.toMillis());
    return s;
  }

  static String statusLine(InputStream in) throws IOException {
    StringBuilder b = new StringBuilder();
    for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
      b.append((char) c);
    }
    return b.toString().strip();
  }

  @Test
  void aDeclaredLengthOverTheCapIs413BeforeAnyBodyIsRead() {
    assertTimeoutPreemptively(
        HANG,
        () -> {
          try (Socket s = socket()) {
            OutputStream out = s.getOutputStream();
            out.write(
                ("POST /v1/acme/simulation/scenario/ HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 2097152\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush(); // and never a byte of the body
            assertThat(statusLine(s.getInputStream())).startsWith("HTTP/1.1 413");
          }
        });
  }

  @Test
  void aNeverEndingBodyIsCutOffAndOtherClientsAreServed() {
    assertTimeoutPreemptively(
        HANG,
        () -> {
          try (Socket s = socket()) {
            OutputStream out = s.getOutputStream();
            out.write(
                ("POST /v1/acme/simulation/scenario/ HTTP/1.1\r\nHost: x\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("10000\r\n" + " ".repeat(0x10000) + "\r\n").getBytes();
            CompletableFuture<Long> writer =
                CompletableFuture.supplyAsync(
                    () -> {
                      long sent = 0;
                      try {
                        while (true) {
                          out.write(chunk);
                          sent += 0x10000;
                        }
                      } catch (IOException e) {
                        return sent; // the server stopped reading and closed the connection
                      }
                    });
            // meanwhile another client is served
            HttpResponse<String> other =
                HttpClient.newHttpClient()
                    .send(
                        HttpRequest.newBuilder(
                                URI.create(server.baseUrl() + "/v1/acme/simulation/scenario/"))
                            .timeout(HANG)
                            .build(),
                        HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).as("answered, not stuck").isEqualTo(401);
            // the endless body ends: the server answered and closed, having read about 1 MiB
            String status;
            try {
              status = statusLine(s.getInputStream());
            } catch (IOException e) {
              status = "reset"; // the answer may be lost to the reset of unread data
            }
            assertThat(status).isIn("HTTP/1.1 413 Request Entity Too Large", "reset", "");
            s.shutdownInput();
            long sent = writer.get();
            assertThat(sent).isLessThan(64L << 20);
          }
        });
  }
}
