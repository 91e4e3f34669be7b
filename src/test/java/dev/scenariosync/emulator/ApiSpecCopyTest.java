package dev.scenariosync.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.scenariosync.support.ApiSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The tests use copies of the published OpenAPI files; they must not drift from the shared ones.
 */
class ApiSpecCopyTest {
  @Test
  void theCopyIsTheSharedFile() throws IOException {
    Path shared = Path.of("..", "shared", "amigo-api", "openapi-scenarios.json");
    assumeTrue(Files.exists(shared), "no ../shared beside this checkout");
    assertThat(Files.readString(ApiSpec.FILE)).isEqualTo(Files.readString(shared));
  }

  @Test
  void theSimulationCopyIsTheSharedFile() throws IOException {
    Path shared = Path.of("..", "shared", "amigo-api", "openapi-simulation.json");
    assumeTrue(Files.exists(shared), "no ../shared beside this checkout");
    assertThat(Files.readString(ApiSpec.SIMULATION_FILE)).isEqualTo(Files.readString(shared));
  }
}
