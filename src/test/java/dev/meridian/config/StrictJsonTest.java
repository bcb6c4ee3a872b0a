package dev.meridian.config;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StrictJsonTest {

    @Test
    void decimalsStayExact() {
        JsonObject o = StrictJson.parseObject("{\"a\": 0.1000000000000000000001, \"b\": 10}");
        assertThat(o.getValue("a")).isEqualTo(new BigDecimal("0.1000000000000000000001"));
        assertThat(o.getValue("b")).isEqualTo(10);
    }

    @Test
    void aDuplicateKeyIsAnErrorWithItsPosition() {
        assertThatThrownBy(() -> StrictJson.parseObject("{\n  \"port\": 1,\n  \"port\": 2\n}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("is not valid JSON: Duplicate field 'port'")
                .hasMessageEndingWith("(line 3, column 9)");
    }

    @Test
    void brokenSyntaxNamesLineAndColumn() {
        assertThatThrownBy(() -> StrictJson.parseObject("{\n  \"a\": 1,\n}"))
                .hasMessageStartingWith("is not valid JSON: ")
                .hasMessageContaining("(line 3, column");
    }

    @Test
    void trailingContentAndNonObjectsAreRefused() {
        assertThatThrownBy(() -> StrictJson.parseObject("{} {}")).hasMessageStartingWith("is not valid JSON: ");
        assertThatThrownBy(() -> StrictJson.parseObject("[1]")).hasMessage("must hold one JSON object { ... }");
        assertThatThrownBy(() -> StrictJson.parseObject("")).hasMessageStartingWith("is not valid JSON: ");
    }
}
