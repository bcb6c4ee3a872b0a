package dev.meridian.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PgUrlTest {

    @Test
    void parsesTheDocumentedForm() {
        PgUrl url = PgUrl.parse("postgresql://bot:s3cret@db.example:6543/meridian");

        assertThat(url).isEqualTo(new PgUrl("db.example", 6543, "meridian", "bot", "s3cret"));
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/meridian");
    }

    @Test
    void defaultsThePortAndDecodesPercentEscapes() {
        PgUrl url = PgUrl.parse("postgres://b%C3%B6t:p%40ss%2Fw%3Ard@localhost/my%20db");

        assertThat(url).isEqualTo(new PgUrl("localhost", 5432, "my db", "böt", "p@ss/w:rd"));
    }

    @Test
    void takesTheLastAtSignAsTheEndOfTheCredentials() {
        assertThat(PgUrl.parse("postgresql://bot:p@ss@10.0.0.5:5433/meridian").password()).isEqualTo("p@ss");
    }

    @Test
    void acceptsBracketedIpv6Hosts() {
        PgUrl url = PgUrl.parse("postgresql://bot:pw@[::1]:5433/meridian");

        assertThat(url.host()).isEqualTo("::1");
        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://[::1]:5433/meridian");
    }

    @Test
    void toStringLeavesThePasswordOut() {
        assertThat(PgUrl.parse("postgresql://bot:hunter2@h:1/d").toString())
                .isEqualTo("postgresql://bot@h:1/d")
                .doesNotContain("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "mysql://bot:hunter2@h:5432/d",
            "postgresql://bot:hunter2@h:5432",
            "postgresql://bot:hunter2@h:5432/",
            "postgresql://bot:hunter2@h:5432/d?sslmode=require&password=hunter2",
            "postgresql://h:5432/d",
            "postgresql://bot@h:5432/d",
            "postgresql://:hunter2@h:5432/d",
            "postgresql://bot:hunter2@:5432/d",
            "postgresql://bot:hunter2@h:99999/d",
            "postgresql://bot:hunter2@h:port/d",
            "postgresql://bot:hunter2%zz@h/d",
            "postgresql://bot:hunter2@[::1/d",
            "postgresql://bot:hun/ter2@h/d",
    })
    void rejectsMalformedUrlsNamingTheVariableButNeverThePassword(String url) {
        assertThatThrownBy(() -> PgUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MERIDIAN_PG_URL")
                .message().doesNotContain("hunter2").doesNotContain("hun");
    }
}
