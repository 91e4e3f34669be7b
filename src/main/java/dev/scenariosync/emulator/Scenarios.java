package dev.scenariosync.emulator;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The scenario resource: versions of an objective, instructions, initial message type and start
 * time; searched by name; deleted while no live unit test uses it.
 */
final class Scenarios extends VersionedResource<Store.Scenario, Store.Version> {
  static final List<String> MESSAGE_TYPES = List.of("user-message", "external-event", "skip");

  Scenarios(Store store) {
    super(
        store,
        new Names(
            "scenario/",
            "search",
            "{simulation_scenario_id}/",
            "simulation_scenario_id",
            "simulation_scenarios",
            "", // the first resource: its rate-limit windows have no prefix
            "The specified organization or simulation scenario does not exist.",
            "A simulation scenario with this name already exists."),
        new Page(50, 200),
        new Limits(500, 200, 50, 500, 500),
        List.of(),
        new Versioning(
            "simulation_scenario_versions",
            500,
            500,
            t -> t.scenario_id,
            "The specified simulation scenario is used in a simulation unit test."));
  }

  @Override
  List<Store.Scenario> documents(Store.Org org) {
    return org.scenarios;
  }

  @Override
  Store.Scenario newDocument() {
    return new Store.Scenario();
  }

  @Override
  String[] searched(Store.Scenario s) {
    return new String[] {s.name};
  }

  @Override
  Store.Version readVersion(Invalid inv, JsonNode body, List<Object> loc) {
    Store.Version v = new Store.Version();
    v.objective = Fields.stripped(inv, body, "objective", Fields.at(loc, "objective"));
    v.instructions = Fields.stripped(inv, body, "instructions", Fields.at(loc, "instructions"));
    List<Object> type = Fields.at(loc, "initial_message_type");
    v.initial_message_type =
        Fields.required(
            inv,
            body,
            "initial_message_type",
            type,
            t -> Fields.oneOf(inv, t, type, MESSAGE_TYPES));
    List<Object> start = Fields.at(loc, "conversation_starts_at");
    v.conversation_starts_at =
        Fields.required(
            inv,
            body,
            "conversation_starts_at",
            start,
            c -> c.isNull() ? null : Fields.utc(inv, c, start));
    return v;
  }

  @Override
  void content(ObjectNode o, Store.Version v) {
    o.put("objective", v.objective);
    o.put("instructions", v.instructions);
    o.put("initial_message_type", v.initial_message_type);
    o.put("conversation_starts_at", v.conversation_starts_at);
  }
}
