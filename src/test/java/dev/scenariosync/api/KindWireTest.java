package dev.scenariosync.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getAllServeEvents;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.stubFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockRuntimeInfo;
import com.github.tomakehurst.wiremock.junit5.WireMockTest;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.scenariosync.files.ScenarioLoader;
import dev.scenariosync.kinds.KindSpec;
import dev.scenariosync.kinds.Kinds;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.support.ApiSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wire form of personas, unit tests and sets, from the example files: every request body, path
 * and query checked against openapi-simulation.json (Prism-style), and the details the spec is
 * strict about pinned (the set's item path has no trailing slash; tags are sent as a map).
 */
@WireMockTest
class KindWireTest {
  static final String ID = "aaaaaaaaaaaaaaaaaaaaaaaa";

  @Test
  void everyWriteOfEveryKindFitsTheSpec(WireMockRuntimeInfo wm, @TempDir Path tmp)
      throws Exception {
    Files.writeString(
        tmp.resolve("p.yaml"),
        """
        kind: persona
        name: P
        role: r
        background: b
        preferred_language: null
        sensitive_user_variables:
          token: ${env:TOKEN}
        """);
    ScenarioLoader.Result files =
        new ScenarioLoader(
                ScenarioLoader.Options.defaults().withEnv(Map.of("TOKEN", "v")),
                Path.of("").toAbsolutePath())
            .load(List.of(Path.of("examples/scenarios/suite").toAbsolutePath(), tmp));
    assertThat(files.diagnostics()).isEmpty();
    ClientWireTest.signInAnswers("tok", Instant.now().plus(Duration.ofHours(1)));
    stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().withStatus(204)));
    for (KindSpec k : Kinds.resources()) {
      stubFor(
          post(urlPathEqualTo("/v1/acme/simulation/" + k.api().collection() + "/"))
              .willReturn(
                  okJson("{\"" + k.api().createdId() + "\": \"" + ID + "\"}").withStatus(201)));
    }
    stubFor(
        post(urlPathEqualTo("/v1/acme/simulation/persona/" + ID + "/version/"))
            .willReturn(okJson("{\"version\": 2}").withStatus(201)));
    Function<Ref, String> ids = r -> ID;
    try (AmigoClient client = ClientWireTest.client(wm, RetryPolicy.defaults())) {
      for (Resource r : files.resources()) {
        KindSpec k = Kinds.of(r.kind());
        client.createResource(
            k, r.name(), Map.of("suite", "a", "managed_by", "scenario_sync"), r.fields(), ids);
        List<String> mutable = new ArrayList<>();
        k.fields().stream()
            .filter(f -> f.role() == dev.scenariosync.kinds.FieldSpec.Role.MUTABLE)
            .forEach(f -> mutable.add(f.name()));
        client.updateResource(k, ID, mutable, r.fields(), Map.of("x", "y"), ids);
        if (k.versioned()) {
          client.createResourceVersion(k, ID, r.fields(), 2);
        }
        client.deleteResource(k, ID);
      }
    }
    List<String> seen = new ArrayList<>();
    for (ServeEvent e : getAllServeEvents()) {
      var req = e.getRequest();
      URI uri = URI.create(req.getUrl());
      assertThat(ApiSpec.template(req.getMethod().getName(), uri.getRawPath()))
          .as(req.getMethod() + " " + uri)
          .isNotNull();
      String body = req.getBodyAsString();
      ApiSpec.checkRequest(req.getMethod().getName(), uri, body.isEmpty() ? null : body);
      seen.add(req.getMethod().getName() + " " + uri.getRawPath());
      if (body.contains("\"tags\"")) {
        assertThat(body).doesNotContain("\"tags\":[");
      }
      if (body.contains("\"token\"")) {
        assertThat(body).contains("\"token\":\"v\"");
      }
    }
    assertThat(seen)
        .contains(
            "POST /v1/acme/simulation/unit_test_set/" + ID,
            "DELETE /v1/acme/simulation/unit_test_set/" + ID,
            "POST /v1/acme/simulation/unit_test/" + ID + "/",
            "POST /v1/acme/simulation/persona/" + ID + "/version/",
            "DELETE /v1/acme/simulation/persona/" + ID + "/");
    assertThat(files.resources()).extracting(Resource::kind).contains(ResourceKind.UNIT_TEST_SET);
  }

  /**
   * Who last updated a resource of every kind is read from its answer (drift tells a UI edit from
   * this tool's by it), and kept when its latest version is read beside it.
   */
  @Test
  void theLastUpdaterIsReadForEveryKind() {
    tools.jackson.databind.json.JsonMapper json =
        tools.jackson.databind.json.JsonMapper.builder().build();
    for (KindSpec k : Kinds.resources()) {
      var item =
          json.readTree(
              """
              {"id": "%s", "name": "n", "tags": [], "updated_at": "2026-03-02T09:00:00.120Z",
               "creator": {"org_id": "acme", "user_id": "bot"},
               "updated_by": {"org_id": "acme", "user_id": "ana"}}
              """
                  .formatted(ID));
      var r = KindWire.resource(k, item);
      assertThat(r.updatedBy()).as(k.kind().word()).isEqualTo(new UserRef("acme", "ana"));
      if (k.versioned()) {
        var v =
            json.readTree(
                """
                {"version": 3, "created_at": "2026-03-02T09:00:00.120Z",
                 "creator": {"org_id": "acme", "user_id": "bo"}}
                """);
        var withVersion = KindWire.withVersion(k, r, v);
        assertThat(withVersion.updatedBy()).isEqualTo(new UserRef("acme", "ana"));
        assertThat(withVersion.versionCreator()).isEqualTo(new UserRef("acme", "bo"));
      }
      var without = json.readTree("{\"id\": \"%s\", \"name\": \"n\"}".formatted(ID));
      assertThat(KindWire.resource(k, without).updatedBy()).isNull();
    }
  }
}
