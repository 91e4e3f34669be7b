package dev.scenariosync.kinds;

import static dev.scenariosync.kinds.FieldSpec.Role.CREATE_ONLY;
import static dev.scenariosync.kinds.FieldSpec.Role.MUTABLE;
import static dev.scenariosync.kinds.FieldSpec.Role.VERSIONED;

import dev.scenariosync.model.ResourceKind;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The four kinds of the simulation suite, each described as data. */
public final class Kinds {
  private Kinds() {}

  public static final KindSpec SCENARIO =
      new KindSpec(
          ResourceKind.SCENARIO,
          "scenario.schema.json",
          true,
          List.of(
              FieldSpec.of(ScenarioFields.OBJECTIVE, FieldRule.TEXT, VERSIONED),
              FieldSpec.of(ScenarioFields.INSTRUCTIONS, FieldRule.TEXT, VERSIONED),
              FieldSpec.of(ScenarioFields.INITIAL_MESSAGE_TYPE, FieldRule.STRING, VERSIONED),
              FieldSpec.of(ScenarioFields.CONVERSATION_STARTS_AT, FieldRule.TIME, VERSIONED)),
          new KindSpec.Endpoints(
              "scenario",
              true,
              "simulation_scenarios",
              "simulation_scenario_id",
              false,
              200,
              500,
              200),
          0,
          List.of(ResourceKind.UNIT_TEST),
          new KindSpec.Files("", false));

  /**
   * A persona: versioned like a scenario. Its {@code role} is set at create only (the API has no
   * way to change it): a changed role is a plan error, never a silent delete and create, which
   * would break the unit tests that use the persona.
   */
  public static final KindSpec PERSONA =
      new KindSpec(
          ResourceKind.PERSONA,
          "persona.schema.json",
          true,
          List.of(
              FieldSpec.of("role", FieldRule.TEXT, CREATE_ONLY),
              FieldSpec.of("background", FieldRule.TEXT, VERSIONED),
              FieldSpec.of("preferred_language", FieldRule.STRING, VERSIONED),
              FieldSpec.of("timezone", FieldRule.STRING, VERSIONED),
              FieldSpec.of("user_models", FieldRule.STRING_LIST, VERSIONED),
              FieldSpec.of("nonsensitive_user_variables", FieldRule.STRING_MAP, VERSIONED),
              FieldSpec.of("sensitive_user_variables", FieldRule.SENSITIVE_MAP, VERSIONED)),
          new KindSpec.Endpoints(
              "persona", true, "simulation_personas", "simulation_persona_id", false, 50, 100, 50),
          0,
          List.of(ResourceKind.UNIT_TEST),
          new KindSpec.Files("personas", true));

  /** A unit test: not versioned, updated in place; names a persona and a scenario. */
  public static final KindSpec UNIT_TEST =
      new KindSpec(
          ResourceKind.UNIT_TEST,
          "unit_test.schema.json",
          false,
          List.of(
              FieldSpec.of("description", FieldRule.TEXT, MUTABLE),
              FieldSpec.of("service_id", FieldRule.STRING, MUTABLE),
              FieldSpec.of("service_version_set_name", FieldRule.STRING, MUTABLE),
              new FieldSpec(
                  "persona", "persona_id", FieldRule.REFERENCE, MUTABLE, ResourceKind.PERSONA),
              new FieldSpec(
                  "scenario", "scenario_id", FieldRule.REFERENCE, MUTABLE, ResourceKind.SCENARIO),
              FieldSpec.of("max_interactions", FieldRule.INTEGER, MUTABLE),
              new FieldSpec(
                  "success_criteria", "success_criterions", FieldRule.CRITERIA, MUTABLE, null)),
          new KindSpec.Endpoints(
              "unit_test",
              true,
              "simulation_unit_tests",
              "simulation_unit_test_id",
              true,
              200,
              500,
              500),
          1,
          List.of(ResourceKind.UNIT_TEST_SET),
          new KindSpec.Files("unit_tests", true));

  /** A unit test set: not versioned, updated in place; names unit tests. */
  public static final KindSpec UNIT_TEST_SET =
      new KindSpec(
          ResourceKind.UNIT_TEST_SET,
          "unit_test_set.schema.json",
          false,
          List.of(
              FieldSpec.of("description", FieldRule.TEXT, MUTABLE),
              new FieldSpec(
                  "unit_tests", "unit_test_runs", FieldRule.RUNS, MUTABLE, ResourceKind.UNIT_TEST)),
          new KindSpec.Endpoints(
              "unit_test_set",
              false,
              "simulation_unit_test_sets",
              "simulation_unit_test_set_id",
              true,
              50,
              50,
              20),
          2,
          List.of(),
          new KindSpec.Files("unit_test_sets", true));

  private static final Map<ResourceKind, KindSpec> ALL = new EnumMap<>(ResourceKind.class);

  static {
    for (KindSpec k : List.of(SCENARIO, PERSONA, UNIT_TEST, UNIT_TEST_SET)) {
      ALL.put(k.kind(), k);
    }
  }

  public static KindSpec of(ResourceKind kind) {
    return ALL.get(kind);
  }

  /** Every kind, in dependency order (creates run in this order). */
  public static List<KindSpec> all() {
    return ALL.values().stream()
        .sorted(Comparator.comparingInt(KindSpec::rank).thenComparing(KindSpec::kind))
        .toList();
  }

  /** Every kind other than scenario, in dependency order (creates run in this order). */
  public static List<KindSpec> resources() {
    return ALL.values().stream()
        .filter(k -> k.kind() != ResourceKind.SCENARIO)
        .sorted(Comparator.comparingInt(KindSpec::rank).thenComparing(KindSpec::kind))
        .toList();
  }
}
