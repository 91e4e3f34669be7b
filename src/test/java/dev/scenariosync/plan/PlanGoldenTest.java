package dev.scenariosync.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scenariosync.model.DesiredScenario;
import dev.scenariosync.model.InitialMessageType;
import dev.scenariosync.model.RemoteScenario;
import dev.scenariosync.model.RemoteState;
import dev.scenariosync.model.RemoteVersion;
import dev.scenariosync.model.SourceLocation;
import dev.scenariosync.model.UnitTestRef;
import dev.scenariosync.model.UserRef;
import dev.scenariosync.model.VersionContent;
import dev.scenariosync.plan.file.PlanJson;
import dev.scenariosync.render.PlanContext;
import dev.scenariosync.render.PlanMarkdown;
import dev.scenariosync.render.PlanText;
import dev.scenariosync.support.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The planner and the three renderers on plain records: each case's plan is rendered as text,
 * Markdown and JSON and compared with {@code src/test/resources/plans/CASE.{txt,md,json}}.
 */
class PlanGoldenTest {
  static final Path DIR = Golden.resources("plans");
  static final UserRef ANA = new UserRef("acme", "ana");
  static final UserRef BOB = new UserRef("acme", "bob");
  static final Instant T1 = Instant.parse("2026-03-01T08:00:00Z");
  static final Instant T2 = Instant.parse("2026-03-02T09:15:00Z");

  record Case(
      String name,
      List<DesiredScenario> desired,
      RemoteState remote,
      PlanOptions options,
      Target target) {
    Case(String name, List<DesiredScenario> desired, RemoteState remote, PlanOptions options) {
      this(name, desired, remote, options, null);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static VersionContent content(String objective, String instructions) {
    return new VersionContent(objective, instructions, InitialMessageType.USER_MESSAGE, null);
  }

  /** The content starting at {@code time}, spelled so as a file spells it. */
  static VersionContent at(VersionContent c, String time) {
    return new VersionContent(
        c.objective(),
        c.instructions(),
        c.initialMessageType(),
        java.time.OffsetDateTime.parse(time).toInstant(),
        time);
  }

  /** The remote content starting at {@code time} (the server returns no spelling). */
  static VersionContent utc(VersionContent c, String time) {
    return at(c, time).withStartsAtAsWritten(null);
  }

  static DesiredScenario desired(String name, Map<String, String> tags, VersionContent c) {
    return new DesiredScenario(
        name,
        tags,
        c,
        new SourceLocation(
            "scenarios/" + name.strip().toLowerCase().replace(' ', '-') + ".yaml", 2, 7));
  }

  static RemoteScenario remote(
      String id, String name, Map<String, String> tags, int version, VersionContent c) {
    return new RemoteScenario(
        id, name, tags, false, T1, ANA, T2, ANA, new RemoteVersion(version, c, ANA, T2));
  }

  /** A remote scenario whose latest version {@code creator} made (in the UI, say). */
  static RemoteScenario remote(
      String id,
      String name,
      Map<String, String> tags,
      UserRef creator,
      int version,
      VersionContent c) {
    return new RemoteScenario(
        id, name, tags, false, T1, ANA, T2, creator, new RemoteVersion(version, c, creator, T2));
  }

  static Map<String, String> tags(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  static final Map<String, String> OWNED = tags("managed_by", "scenario_sync");
  static final VersionContent BASE =
      content("Move an appointment.", "Be polite.\nOffer Wednesday first.");

  // Remote text anyone with UI access can write: terminal controls, links, clipboard writes,
  // reordering, forged lines and GitHub workflow commands, Markdown and HTML.
  static final String OSC8 = "\u001b]8;;https://evil.example/\u0007click me\u001b]8;;\u0007";
  static final String OSC52 = "\u001b]52;c;ZWNobyBwd25lZA==\u0007";
  static final String CLEAR = "\u001b[2J\u001b[H";
  static final String RLO = "\u202eevil\u202c";
  static final String FORGED = "\r\n::error::forged";
  static final String MD_ATTACK =
      "# Heading [link](https://evil.example) ![img](https://evil.example/i.png) @octocat"
          + " <img src=x onerror=alert(1)> | col | www.evil.example #12 ``` </details> **bold**";
  static final VersionContent HOSTILE =
      content(
          "Objective " + OSC8 + FORGED,
          "Be polite.\n::error file=x::pwned\n  ::warning::indented\n"
              + CLEAR
              + OSC52
              + RLO
              + "\u2028next\u0085c1\u007f\n```\n</details>\n# not a heading");

  static Stream<Case> hostile() {
    String id1 = "aaaaaaaaaaaaaaaaaaaaaaa1";
    String id2 = "aaaaaaaaaaaaaaaaaaaaaaa2";
    String id3 = "aaaaaaaaaaaaaaaaaaaaaaa3";
    return Stream.of(
        new Case(
            "remote-text",
            List.of(desired("Reschedule", Map.of(), BASE)),
            new RemoteState(
                List.of(
                    remote(
                        id1,
                        "Reschedule",
                        OWNED,
                        new UserRef("acme", "bob" + CLEAR + "\n::error::x"),
                        2,
                        HOSTILE),
                    remote(id2, "Doomed " + OSC8 + FORGED, OWNED, 1, HOSTILE),
                    remote(id3, MD_ATTACK + RLO, merge(OWNED, tags("k" + CLEAR, OSC52)), 1, BASE)),
                Map.of(
                    id3,
                    List.of(
                        new UnitTestRef("t1", "::warning::" + OSC8, id3),
                        new UnitTestRef("t2", "\n::error::fake" + RLO, id3),
                        new UnitTestRef("t3", "x".repeat(60_000), id3)))),
            new PlanOptions(Ownership.DEFAULT, true, 5, true)));
  }

  static Stream<Case> cases() {
    return Stream.of(ordinary(), review(), hostile()).flatMap(x -> x);
  }

  static final String PARAGRAPH =
      String.join(
          "\n",
          "You are a patient calling the clinic to move an appointment.",
          "You booked it two weeks ago for a routine check-up.",
          "Something came up at work, so you need another day.",
          "Ask politely whether Wednesday or Thursday morning is free.",
          "If neither is free, ask for the first slot next week.",
          "Mention that you prefer mornings, before ten if possible.",
          "Give your date of birth when asked, and spell your last name.",
          "Do not accept an evening slot: you cannot leave the office.",
          "Thank the agent and confirm the new time before hanging up.",
          "Hang up only when the agent has confirmed the new time.");

  static final String FOLDED =
      "The caller is an elderly patient who speaks slowly and sometimes repeats herself. She wants"
          + " to know whether her prescription was renewed, and she becomes anxious when she is put"
          + " on hold. The agent should stay calm and explain each step.";

  /** The reviewer's cases (issue 15): prose by words, refusals first, cutting at the limit. */
  static Stream<Case> review() {
    String id1 = "aaaaaaaaaaaaaaaaaaaaaaa1";
    String id2 = "aaaaaaaaaaaaaaaaaaaaaaa2";
    List<DesiredScenario> many = new java.util.ArrayList<>();
    for (int i = 1; i <= 120; i++) {
      many.add(
          desired(
              String.format("Bulk %03d", i),
              tags("suite", "bulk"),
              content("Bulk objective " + i + ".", (FOLDED + "\n").repeat(3).strip())));
    }
    many.add(
        desired(
            "Reschedule",
            Map.of(),
            content("Move an appointment.", PARAGRAPH.replace("politely", "curtly"))));
    return Stream.of(
        new Case(
            "prose-paragraph",
            List.of(
                desired(
                    "Reschedule",
                    Map.of(),
                    content("Move an appointment.", PARAGRAPH.replace("politely", "curtly")))),
            new RemoteState(
                List.of(
                    remote(
                        id1, "Reschedule", OWNED, 2, content("Move an appointment.", PARAGRAPH))),
                Map.of(
                    id1,
                    List.of(
                        new UnitTestRef("t1", "reschedule happy path", id1),
                        new UnitTestRef("t2", "reschedule, no slot", id1)))),
            PlanOptions.defaults()),
        new Case(
            "prose-folded",
            List.of(
                desired(
                    "Prescription",
                    Map.of(),
                    content("Ask about a prescription.", FOLDED.replace("anxious", "upset")))),
            state(
                List.of(
                    remote(
                        id1,
                        "Prescription",
                        OWNED,
                        1,
                        content("Ask about a prescription.", FOLDED)))),
            PlanOptions.defaults()),
        // The file spells times with an offset: shown so, with the UTC instant beside them; an
        // equal instant is an unchanged line, a new one is a changed line against the remote's.
        new Case(
            "time-offset",
            List.of(
                desired("New call", Map.of(), at(BASE, "2026-12-01T17:30:00-05:00")),
                desired(
                    "Same time",
                    Map.of(),
                    at(content("Move an appointment.", "Be brief."), "2026-12-01T17:30:00-05:00")),
                desired("Later", Map.of(), at(BASE, "2026-12-02T08:30:00.250-05:00")),
                desired("Utc", Map.of(), at(BASE, "2026-12-03T09:00:00Z"))),
            state(
                List.of(
                    remote(id1, "Same time", OWNED, 1, utc(BASE, "2026-12-01T22:30:00Z")),
                    remote(id2, "Later", OWNED, 2, utc(BASE, "2026-12-01T22:30:00Z")),
                    remote(
                        "aaaaaaaaaaaaaaaaaaaaaaa3",
                        "Utc",
                        OWNED,
                        1,
                        utc(BASE, "2026-12-03T10:00:00Z")))),
            PlanOptions.defaults()),
        new Case(
            "refused",
            List.of(),
            state(
                List.of(
                    remote(id1, "Old one", OWNED, 3, BASE),
                    remote(id2, "Old two", OWNED, 1, BASE))),
            new PlanOptions(Ownership.DEFAULT, true, 1, false)),
        new Case(
            "cut-120-creates",
            many,
            state(
                List.of(
                    remote(
                        id1, "Reschedule", OWNED, 2, content("Move an appointment.", PARAGRAPH)))),
            PlanOptions.defaults()));
  }

  static Stream<Case> ordinary() {
    String id1 = "aaaaaaaaaaaaaaaaaaaaaaa1";
    String id2 = "aaaaaaaaaaaaaaaaaaaaaaa2";
    return Stream.of(
        new Case(
            "create",
            List.of(desired("Reschedule", tags("suite", "smoke", "owner", null), BASE)),
            state(List.of()),
            PlanOptions.defaults()),
        new Case(
            "version",
            List.of(
                desired(
                    "Reschedule",
                    Map.of(),
                    content("Move an appointment.", "Be polite.\nOffer Thursday first."))),
            new RemoteState(
                List.of(remote(id1, "Reschedule", OWNED, 2, BASE)),
                Map.of(id1, List.of(new UnitTestRef("t1", "reschedule happy path", id1)))),
            PlanOptions.defaults()),
        new Case(
            "tags",
            List.of(desired("Reschedule", tags("suite", "regression"), BASE)),
            state(
                List.of(remote(id1, "Reschedule", merge(OWNED, tags("suite", "smoke")), 1, BASE))),
            PlanOptions.defaults()),
        new Case(
            "adopt",
            List.of(desired("Reschedule", tags("suite", "smoke"), BASE)),
            state(List.of(remote(id1, "Reschedule", tags("suite", "smoke"), 4, BASE))),
            PlanOptions.defaults()),
        new Case(
            "unknown-initial-message-type",
            List.of(desired("Reschedule", tags("suite", "smoke"), BASE)),
            state(
                List.of(
                    remote(
                        id1,
                        "Reschedule",
                        merge(tags("suite", "smoke"), OWNED),
                        2,
                        new VersionContent(
                            BASE.objective(),
                            BASE.instructions(),
                            InitialMessageType.read("agent-message"),
                            null)))),
            PlanOptions.defaults()),
        new Case(
            "foreign",
            List.of(desired("Reschedule", tags("suite", "smoke"), BASE)),
            state(
                List.of(
                    remote(
                        id1,
                        "Reschedule",
                        merge(tags("suite", "smoke"), tags("managed_by", "team_b")),
                        4,
                        BASE))),
            PlanOptions.defaults()),
        new Case(
            "delete",
            List.of(),
            state(
                List.of(
                    remote(id1, "Old scenario", OWNED, 3, BASE),
                    remote(id2, "Not ours", tags("suite", "x"), 1, BASE),
                    remote("aaaaaaaaaaaaaaaaaaaaaaa3", "Kept", OWNED, 1, BASE))),
            new PlanOptions(Ownership.DEFAULT, true, 5, true)),
        new Case(
            "blocked-delete",
            List.of(desired("Kept", Map.of(), BASE)),
            new RemoteState(
                List.of(remote(id1, "Used", OWNED, 1, BASE), remote(id2, "Kept", OWNED, 1, BASE)),
                Map.of(
                    id1,
                    List.of(
                        new UnitTestRef("t1", "billing regression", id1),
                        new UnitTestRef("t2", "audit", id1)))),
            new PlanOptions(Ownership.DEFAULT, true, 5, false)),
        new Case(
            "drift",
            List.of(desired("Reschedule", Map.of(), BASE)),
            state(
                List.of(
                    remote(
                        id1,
                        "Reschedule",
                        OWNED,
                        BOB,
                        5,
                        content(
                            "Move an appointment (edited in the UI).",
                            "Be polite.\nOffer Wednesday first.")))),
            PlanOptions.defaults()),
        new Case(
            "whitespace-unchanged",
            List.of(
                desired(
                    "  Reschedule\u00a0",
                    tags(" suite ", " smoke\u202f"),
                    new VersionContent(
                        "Move an appointment.  \r\n",
                        "\n Be polite.\nOffer Wednesday first.\n\n",
                        InitialMessageType.USER_MESSAGE,
                        null))),
            state(
                List.of(remote(id1, "Reschedule", merge(OWNED, tags("suite", "smoke")), 1, BASE))),
            PlanOptions.defaults()),
        new Case(
            "unicode",
            List.of(
                desired(
                    "Llamada en español ☎",
                    tags("langue", "français", "x²", null),
                    content("¿Podemos hablar en español?", "Réponds en français.\n日本語も話せます。"))),
            state(
                List.of(
                    remote(
                        id1,
                        "Llamada en español ☎",
                        merge(OWNED, tags("langue", "français")),
                        1,
                        content("¿Podemos hablar en español?", "Réponds en français.")))),
            PlanOptions.defaults()),
        // Two of three declared are targeted (one changed, one no longer declared): the third is
        // neither compared nor counted, and the orphan outside the target is not pruned.
        new Case(
            "targeted",
            List.of(
                desired("Reschedule", Map.of(), content("Move an appointment.", "Be brief.")),
                desired("Untouched", Map.of(), content("Changed too, but not targeted.", "x"))),
            state(
                List.of(
                    remote(id1, "Reschedule", OWNED, 2, BASE),
                    remote(id2, "Untouched", OWNED, 1, BASE),
                    remote("aaaaaaaaaaaaaaaaaaaaaaa3", "Removed in this change", OWNED, 1, BASE),
                    remote("aaaaaaaaaaaaaaaaaaaaaaa4", "Orphan elsewhere", OWNED, 1, BASE),
                    remote("aaaaaaaaaaaaaaaaaaaaaaa5", "Made in the UI", Map.of(), 1, BASE))),
            new PlanOptions(Ownership.DEFAULT, true, 5, false),
            new Target(Set.of("Reschedule", "Removed in this change"), 2, "changed since main")),
        // reviewed_by belongs to the UI: kept with the remote's value, never compared.
        new Case(
            "ignored-tags",
            List.of(
                desired("Reschedule", tags("suite", "regression"), BASE),
                desired("Same", tags("suite", "smoke"), BASE)),
            state(
                List.of(
                    remote(
                        id1,
                        "Reschedule",
                        merge(OWNED, tags("suite", "smoke", "reviewed_by", "ana")),
                        1,
                        BASE),
                    remote(
                        id2,
                        "Same",
                        merge(OWNED, tags("suite", "smoke", "reviewed_by", "bo")),
                        1,
                        BASE))),
            new PlanOptions(Ownership.DEFAULT, false, 5, false, false, Set.of("reviewed_by"))));
  }

  static RemoteState state(List<RemoteScenario> live) {
    return new RemoteState(live, Map.of());
  }

  static Map<String, String> merge(Map<String, String> a, Map<String, String> b) {
    Map<String, String> m = new LinkedHashMap<>(a);
    m.putAll(b);
    return m;
  }

  static final PlanJson.Meta META =
      new PlanJson.Meta(
          "https://api.amigo.ai",
          false,
          List.of("scenarios"),
          new TreeMap<>(Map.of("scenarios/a.yaml", "0".repeat(64))),
          Ownership.DEFAULT,
          false,
          5,
          false,
          false,
          new TreeMap<>(Map.of("Reschedule", "1".repeat(64))),
          "0.1.0",
          Instant.parse("2026-11-25T10:00:00Z"));

  /** Planned at a commit by ana: remote versions by anyone else are edits made elsewhere. */
  static final PlanContext CTX =
      new PlanContext(
          "0123456789abcdef0123456789abcdef01234567", META.createdAt(), "ana", Ownership.DEFAULT);

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void rendersMatchTheGoldenFiles(Case c) {
    Plan plan = Planner.scenarios("acme", c.desired(), c.remote(), c.options(), c.target());
    PlanContext ctx = CTX.withKept(plan.outside().orphans());
    Golden.assertMatches(DIR.resolve(c.name() + ".txt"), PlanText.render(plan, false, ctx));
    Golden.assertMatches(DIR.resolve(c.name() + ".md"), PlanMarkdown.render(plan, ctx));
    String json = PlanJson.write(plan, META);
    Golden.assertMatches(DIR.resolve(c.name() + ".json"), json);
    Plan saved = PlanJson.read(json).plan();
    assertThat(saved).as("the JSON reads back to the same plan").isEqualTo(plan);
    assertThat(PlanText.render(saved, false, ctx))
        .as(
            "show of the saved plan renders as the plan did (times spelled as the files spell them)")
        .isEqualTo(PlanText.render(plan, false, ctx));
    assertThat(PlanMarkdown.render(saved, ctx)).isEqualTo(PlanMarkdown.render(plan, ctx));
    assertThat(Planner.scenarios("acme", c.desired(), c.remote(), c.options(), c.target()))
        .as("planning is deterministic")
        .isEqualTo(plan);
  }

  @Test
  void everyGoldenFileHasACase() throws IOException {
    List<String> names = cases().map(Case::name).toList();
    try (Stream<Path> files = Files.list(DIR)) {
      assertThat(
              files
                  .map(p -> p.getFileName().toString().replaceAll("\\.(txt|md|json)$", ""))
                  .distinct()
                  .toList())
          .allMatch(names::contains);
    }
  }
}
