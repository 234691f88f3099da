package dev.tollgate.auth.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;
import dev.tollgate.auth.support.OAuthHttp.Reply;

/**
 * The OpenID Foundation conformance suite's Config OP plan ({@code oidcc-discovery-endpoint-verification} and the
 * key checks of the Basic plan): the discovery document is what an RP configures itself from, so it must be
 * consistent with the issuer and name only what the OP does.
 */
@AuthServerTest
class ConfigOpConformanceTest extends HttpTest {

    /** oidcc-discovery-endpoint-verification: the required metadata, each consistent with the issuer. */
    @Test
    void oidccDiscoveryEndpointVerification() {
        Reply discovery = http.get("/.well-known/openid-configuration");
        assertThat(discovery.status()).isEqualTo(200);
        assertThat(discovery.contentType()).startsWith("application/json");
        JsonNode metadata = discovery.json();

        assertThat(metadata.get("issuer").asString()).isEqualTo(AuthServerTest.ISSUER);
        for (String endpoint : List.of("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint",
                "end_session_endpoint")) {
            assertThat(metadata.get(endpoint).asString()).as(endpoint).startsWith(AuthServerTest.ISSUER + "/");
        }
        assertThat(values(metadata, "response_types_supported")).contains("code").doesNotContain("token", "id_token");
        assertThat(values(metadata, "subject_types_supported")).contains("public");
        assertThat(values(metadata, "id_token_signing_alg_values_supported")).contains("RS256").doesNotContain("none");
        assertThat(values(metadata, "scopes_supported")).contains("openid");
        assertThat(values(metadata, "grant_types_supported")).contains("authorization_code")
                .doesNotContain("implicit", "password");
        assertThat(values(metadata, "token_endpoint_auth_methods_supported")).contains("client_secret_basic");
    }

    /** The JWKS the discovery document points to: public signing keys only, each with a kid. */
    @Test
    void oidccDiscoveryJwksHoldsPublicSigningKeysWithKeyIds() {
        JsonNode keys = http.get("/oauth2/jwks").json().get("keys");
        assertThat(keys.size()).isPositive();
        for (JsonNode key : keys) {
            assertThat(key.get("kid").asString()).isNotBlank();
            assertThat(key.has("d")).as("no private part").isFalse();
            assertThat(key.has("use") ? key.get("use").asString() : "sig").isEqualTo("sig");
        }
    }

    private static List<String> values(JsonNode metadata, String name) {
        JsonNode array = metadata.get(name);
        assertThat(array).as(name).isNotNull();
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }
}
