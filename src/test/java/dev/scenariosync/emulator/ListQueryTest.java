package dev.scenariosync.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How the list endpoints order by a time field (as instants, whatever digits the text has) and page
 * (whatever token a client sends back).
 */
class ListQueryTest {
  static final class Doc extends Store.Listed {
    Doc(String name, String updatedAt, long seq) {
      this.name = name;
      this.updated_at = updatedAt;
      this.seq = seq;
    }
  }

  @Test
  void aWholeSecondSortsBeforeALaterMillisecondNotAfterIt() {
    // As text "…:12Z" > "…:12.001Z" ('Z' after '.'); as instants it is the earlier one.
    Doc whole = new Doc("whole", "2026-11-29T08:00:12Z", 1);
    Doc later = new Doc("later", "2026-11-29T08:00:12.001Z", 2);
    Request r =
        new Request(
            "GET", "acme", null, Map.of("sort_by", List.of("-updated_at")), new byte[0], null);
    Invalid inv = new Invalid();
    ListQuery<Doc> q = ListQuery.of(inv, r, 50, 200, "updated_at", d -> d.updated_at);
    assertThat(q.select(List.of(whole, later)))
        .extracting(d -> d.name)
        .containsExactly("later", "whole");
  }

  @Test
  void aTokenPastTheEndIsTheLastPageEvenAtTheLargestInteger() {
    for (int token : new int[] {2, 5, Integer.MAX_VALUE - 1, Integer.MAX_VALUE}) {
      var page = Json.page("items", List.of("a", "b"), token, 200, Json.F::textNode);
      assertThat(page.get("items").size()).as("token %d", token).isZero();
      assertThat(page.get("has_more").asBoolean()).as("token %d", token).isFalse();
      assertThat(page.get("continuation_token").isNull()).as("token %d", token).isTrue();
    }
  }
}
