package dev.scenariosync.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The persona resource: a role, and versions of a background, language, time zone, user models and
 * user variables; listed and searched by role too, searched by name and latest background; deleted
 * while no live unit test uses it.
 */
final class Personas extends VersionedResource<Store.Persona, Store.PersonaVersion> {
  /** The spec's enums of ISO 639-3 codes and IANA time zones, copied into resources. */
  static final List<String> LANGUAGES = lines("languages.txt");

  static final List<String> TIMEZONES = lines("timezones.txt");

  Personas(Store store) {
    super(
        store,
        new Names(
            "persona/",
            "search",
            "{simulation_persona_id}/",
            "simulation_persona_id",
            "simulation_personas",
            "persona_",
            "The specified organization or simulation persona does not exist.",
            "A simulation persona with this name already exists."),
        new Page(50, 50),
        new Limits(100, 50, 50, 100, 100),
        List.of(Filter.values("role", p -> Collections.singletonList(p.role))),
        new Versioning(
            "simulation_persona_versions",
            100,
            50,
            t -> t.persona_id,
            "The specified simulation persona is used in a simulation unit test."));
  }

  private static List<String> lines(String resource) {
    try (InputStream in = Personas.class.getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  List<Store.Persona> documents(Store.Org org) {
    return org.personas;
  }

  @Override
  Store.Persona newDocument() {
    return new Store.Persona();
  }

  @Override
  void readFields(Invalid inv, JsonNode body, Store.Persona p) {
    p.role = Fields.stripped(inv, body, "role", List.of("body", "role"));
  }

  @Override
  String[] searched(Store.Persona p) {
    return new String[] {p.name, p.latest().background};
  }

  @Override
  void fields(ObjectNode o, Store.Persona p) {
    o.put("role", p.role);
  }

  @Override
  Store.PersonaVersion readVersion(Invalid inv, JsonNode body, List<Object> loc) {
    Store.PersonaVersion v = new Store.PersonaVersion();
    v.background = Fields.stripped(inv, body, "background", Fields.at(loc, "background"));
    v.preferred_language = optionalEnum(inv, body, "preferred_language", loc, LANGUAGES);
    v.timezone = optionalEnum(inv, body, "timezone", loc, TIMEZONES);
    List<Object> models = Fields.at(loc, "user_models");
    v.user_models =
        Fields.required(inv, body, "user_models", models, m -> Fields.strippedList(inv, m, models));
    v.nonsensitive_user_variables =
        Fields.variables(
            inv,
            body,
            "nonsensitive_user_variables",
            Fields.at(loc, "nonsensitive_user_variables"));
    v.sensitive_user_variables =
        Fields.variables(
            inv, body, "sensitive_user_variables", Fields.at(loc, "sensitive_user_variables"));
    return v;
  }

  @Override
  void content(ObjectNode o, Store.PersonaVersion v) {
    o.put("background", v.background);
    o.put("preferred_language", v.preferred_language);
    o.put("timezone", v.timezone);
    ArrayNode models = o.putArray("user_models");
    v.user_models.forEach(models::add);
    o.set("nonsensitive_user_variables", Json.tagMap(v.nonsensitive_user_variables));
    o.set("sensitive_user_variables", Json.tagMap(v.sensitive_user_variables));
  }

  /**
   * {@code preferred_language} and {@code timezone}: one of the spec's values, or {@code null}, or
   * not set (absent or {@code {}}, the spec's {@code _NotSet}); unset is stored as null.
   */
  private static String optionalEnum(
      Invalid inv, JsonNode body, String field, List<Object> loc, List<String> allowed) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull() || (v.isObject() && v.isEmpty())) {
      return null;
    }
    return Fields.oneOf(inv, v, Fields.at(loc, field), allowed);
  }
}
