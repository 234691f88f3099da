package dev.tollgate.auth.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/**
 * A value a caller chose never starts a log line of its own nor adds a field to an audit line: a forged
 * {@code event=...} would read as a security event that did not happen.
 */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class LogInjectionTest extends HttpTest {

    @Test
    void aTokenTypeHintCannotForgeAnAuditLine(CapturedOutput output) {
        String token = http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");

        Reply revoked = http.post("/oauth2/revoke", "demo-service", "demo-service-secret", Map.of("token", token,
                "token_type_hint", "access_token\r\nevent=ACCOUNT_LOCKED sub=admin\u0085x\u2028y\u001b[31m"));

        assertThat(revoked.status()).isEqualTo(200);
        String audit = output.getAll().lines().filter(line -> line.contains("event=TOKEN_REVOKED client=demo-service"))
                .reduce((first, last) -> last).orElseThrow();
        assertThat(audit).contains("token_type_hint=\"access_token\\r\\nevent=ACCOUNT_LOCKED sub=admin\\u0085x"
                + "\\u2028y\\u001b[31m\"");
        assertThat(output.getAll()).doesNotContain("\nevent=ACCOUNT_LOCKED").doesNotContain("\u001b[31m");
    }

    @Test
    void aValueWithSpacesCannotAddAFieldToAnAuditLine(CapturedOutput output) {
        String token = http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");

        http.post("/oauth2/revoke", "demo-service", "demo-service-secret",
                Map.of("token", token, "token_type_hint", "x sub=admin"));

        assertThat(output.getAll()).contains("token_type_hint=\"x sub=admin\"")
                .doesNotContain("token_type_hint=x sub=admin");
    }
}
