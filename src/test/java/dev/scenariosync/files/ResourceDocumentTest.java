package dev.scenariosync.files;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.model.Diagnostic;
import dev.scenariosync.model.Ref;
import dev.scenariosync.model.Resource;
import dev.scenariosync.model.ResourceKind;
import dev.scenariosync.model.Secret;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents of the kinds beyond scenarios: what validate says, where, and what it builds. */
class ResourceDocumentTest {
  @TempDir Path dir;

  ScenarioLoader.Result load(String text, Map<String, String> env) throws IOException {
    Files.writeString(dir.resolve("s.yaml"), text);
    ScenarioLoader.Options o = ScenarioLoader.Options.defaults();
    return new ScenarioLoader(env == null ? o : o.withEnv(env), dir).load(List.of(dir));
  }

  List<String> messages(ScenarioLoader.Result r) {
    return r.diagnostics().stream()
        .map(d -> d.line() + ":" + d.column() + " " + d.message())
        .toList();
  }

  @Test
  void aUnitTestIsReadWithItsReferencesAndTheirPlaces() throws IOException {
    ScenarioLoader.Result r =
        load(
            """
            kind: unit_test
            name: '  T  '
            description: d
            service_id: aaaaaaaaaaaaaaaaaaaaaaaa
            service_version_set_name: release
            persona: {id: bbbbbbbbbbbbbbbbbbbbbbbb}
            scenario: '  Reschedule '
            max_interactions: 3
            success_criteria:
              - {name: c, metric_id: cccccccccccccccccccccccc, criterion: {type: numerical, verb: '>=', threshold: 0.50}}
            """,
            null);
    assertThat(r.diagnostics()).isEmpty();
    Resource t = r.resources().get(0);
    assertThat(t.kind()).isEqualTo(ResourceKind.UNIT_TEST);
    assertThat(t.name()).isEqualTo("T");
    assertThat(t.fields().get("persona"))
        .isEqualTo(Ref.byId(ResourceKind.PERSONA, "bbbbbbbbbbbbbbbbbbbbbbbb"));
    assertThat(t.fields().get("scenario"))
        .isEqualTo(Ref.byName(ResourceKind.SCENARIO, "Reschedule"));
    assertThat(t.fields().get("max_interactions")).isEqualTo(new BigDecimal(3));
    assertThat(t.at("/scenario").line()).isEqualTo(7);
    assertThat(t.fields().get("success_criteria").toString()).contains("threshold=0.5");
  }

  @Test
  void mistakesArePositionedErrors() throws IOException {
    ScenarioLoader.Result r =
        load(
            """
            kind: unit_tests
            name: A
            ---
            kind: unit_test_set
            name: S
            unit_test:
              - {name: T, run_count: 1}
            ---
            kind: persona
            name: P
            role: r
            background: '   '
            preferred_language: english
            ---
            kind: persona
            name: Q
            role: r
            background: b
            ---
            kind: persona
            name: ' Q'
            role: r
            background: b
            """,
            null);
    assertThat(messages(r))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith(
                        "1:7 'kind' must be one of scenario, persona, unit_test, unit_test_set, not 'unit_tests' (did you mean 'unit_test'?)"))
        .anySatisfy(
            m ->
                assertThat(m)
                    .startsWith("6:1 unknown key 'unit_test' (did you mean 'unit_tests'?)"))
        .anySatisfy(m -> assertThat(m).contains("missing required key 'unit_tests'"))
        .anySatisfy(m -> assertThat(m).startsWith("12:13 'background' is empty"))
        .anySatisfy(m -> assertThat(m).startsWith("13:21 'preferred_language'"))
        .anySatisfy(
            m -> assertThat(m).startsWith("21:7 duplicate persona name 'Q': also declared at"));
    assertThat(r.resources()).hasSize(2);
  }

  @Test
  void sensitiveValuesComeFromTheEnvironmentOnly() throws IOException {
    String doc =
        """
        kind: persona
        name: P
        role: r
        background: b
        sensitive_user_variables:
          token: ${env:P_TOKEN}
        """;
    ScenarioLoader.Result missing = load(doc, Map.of());
    assertThat(messages(missing))
        .containsExactly(
            "6:10 sensitive_user_variables.token: the environment variable P_TOKEN is not set");
    ScenarioLoader.Result set = load(doc, Map.of("P_TOKEN", "s3cret"));
    Object vars = set.resources().get(0).fields().get("sensitive_user_variables");
    assertThat(vars).isEqualTo(Map.of("token", new Secret("s3cret", "${env:P_TOKEN}")));
    assertThat(vars.toString()).doesNotContain("s3cret").contains("(sensitive)");
    ScenarioLoader.Result offline = load(doc, null);
    assertThat(offline.diagnostics()).isEmpty();
    ScenarioLoader.Result literal = load(doc.replace("${env:P_TOKEN}", "s3cret"), null);
    assertThat(literal.diagnostics())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.message()).contains("would be committed").doesNotContain("s3cret");
              assertThat(d.sourceLine()).isNull();
            });
  }

  @Test
  void aScenarioMaySayItsKind() throws IOException {
    ScenarioLoader.Result r =
        load(
            "kind: scenario\nname: S\nobjective: o\ninstructions: i\ninitial_message_type: skip\n",
            null);
    assertThat(r.diagnostics()).extracting(Diagnostic::message).isEmpty();
    assertThat(r.scenarios()).hasSize(1);
  }
}
