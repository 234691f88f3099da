package dev.tollgate.auth.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.htmlunit.Page;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.SignedTokens;
import dev.tollgate.testsupport.TestClock;

@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class SigningKeyRotationTest extends HttpTest {

    @Autowired
    TestClock clock;

    @Autowired
    SigningKeys signingKeys;

    @Autowired
    SigningKeyRotation rotation;

    @Autowired
    JdbcClient database;

    @Test
    void anAdminRotatesTheKeyAndTokensSignedBeforeVerifyUntilTheOldKeyRetires(CapturedOutput output)
            throws Exception {
        String before = serviceToken();
        String oldKid = kidOf(before);

        try (Browser browser = new Browser(http.baseUrl())) {
            HtmlPage keysPage = browser.signIn(browser.open("/admin/signing-keys"), "admin", "admin-password");
            assertThat(keysPage.getElementById("nav-users")).as("a page of the admin console").isNotNull();
            HtmlPage rotated = browser.click(keysPage, "rotate");
            assertThat(rotated.getElementById("rotated").getTextContent()).contains(signingKeys.activeKid());
        }

        String after = serviceToken();
        assertThat(kidOf(after)).isNotEqualTo(oldKid).isEqualTo(signingKeys.activeKid());
        assertThat(publishedKids()).contains(oldKid, kidOf(after));
        assertThat(SignedTokens.verified(before, http).getJWTClaimsSet().getSubject()).isEqualTo("demo-service");
        assertThat(SignedTokens.verified(after, http).getJWTClaimsSet().getSubject()).isEqualTo("demo-service");
        assertThat(output.getAll()).contains("event=SIGNING_KEY_ROTATED kid=" + kidOf(after) + " retired_kid=" + oldKid)
                .contains("event=ADMIN_CHANGE what=signing-key.rotate actor=");
        assertThat(database.sql("SELECT private_jwk FROM signing_key WHERE kid = ?").param(oldKid)
                .query(String.class).optional()).as("a retired key keeps no private half").isEmpty();

        clock.advance(Duration.ofMinutes(30));
        assertThat(rotation.removeExpired()).as("ID tokens it signed live 30 minutes").doesNotContain(oldKid);
        clock.advance(Duration.ofMinutes(3));
        assertThat(rotation.removeExpired()).contains(oldKid);

        assertThat(publishedKids()).doesNotContain(oldKid).contains(kidOf(after));
        assertThatThrownBy(() -> SignedTokens.verified(before, http)).hasMessageContaining("no key " + oldKid);
    }

    @Test
    void theKeyRotatesOnItsOwnOnceOlderThanTheRotationInterval() {
        String kid = signingKeys.activeKid();
        assertThat(rotation.rotateIfDue()).isFalse();

        clock.advance(Duration.ofDays(31));

        assertThat(rotation.rotateIfDue()).isTrue();
        assertThat(signingKeys.activeKid()).isNotEqualTo(kid);
        assertThat(rotation.rotateIfDue()).as("the new key is young").isFalse();
    }

    @Test
    void onlyAdminsReachTheSigningKeysPage() throws Exception {
        try (Browser browser = new Browser(http.baseUrl())) {
            Page page = browser.signIn(browser.open("/admin/signing-keys"), "alice", "alice-password");
            assertThat(page.getWebResponse().getStatusCode()).isEqualTo(403);
        }
    }

    private String serviceToken() {
        return http.clientCredentials("demo-service", "demo-service-secret", null).field("access_token");
    }

    private List<String> publishedKids() throws Exception {
        return JWKSet.parse(http.get("/oauth2/jwks").body()).getKeys().stream().map(JWK::getKeyID).toList();
    }

    private static String kidOf(String jwt) throws Exception {
        return SignedJWT.parse(jwt).getHeader().getKeyID();
    }
}
