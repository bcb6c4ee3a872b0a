package dev.meridian.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebSecurityTest {
    @Test
    void aMutationIsAllowedFromScriptsAndTheDashboardsOwnOriginOnly() {
        assertThat(WebSecurity.isSameOrigin(null, null, "127.0.0.1:8080")).as("curl / scripts").isTrue();
        assertThat(WebSecurity.isSameOrigin("same-origin", "http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
        assertThat(WebSecurity.isSameOrigin("none", null, "127.0.0.1:8080")).as("typed by the user").isTrue();
        assertThat(WebSecurity.isSameOrigin(null, "http://localhost", "localhost:80")).as("default port").isTrue();
        assertThat(WebSecurity.isSameOrigin(null, "https://bot.example:443", "bot.example")).isTrue();

        assertThat(WebSecurity.isSameOrigin("cross-site", "https://evil.example", "127.0.0.1:8080")).isFalse();
        assertThat(WebSecurity.isSameOrigin("same-site", "http://127.0.0.1:9999", "127.0.0.1:8080")).isFalse();
        assertThat(WebSecurity.isSameOrigin(null, "http://127.0.0.1:9999", "127.0.0.1:8080")).as("other port").isFalse();
        assertThat(WebSecurity.isSameOrigin(null, "http://evil.example:8080", "127.0.0.1:8080")).isFalse();
        assertThat(WebSecurity.isSameOrigin(null, "null", "127.0.0.1:8080")).as("sandboxed or file origin").isFalse();
        assertThat(WebSecurity.isSameOrigin(null, "http://127.0.0.1:8080", null)).isFalse();
    }

    @Test
    void thePolicyAllowsNoInlineCodeAndNoFraming() {
        assertThat(WebSecurity.CSP).contains("script-src 'self'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").doesNotContain("http");
    }
}
