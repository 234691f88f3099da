package dev.tollgate.auth.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;

@AuthServerTest
class DiscoveryTest extends HttpTest {

    private static final String ISSUER = AuthServerTest.ISSUER;

    @Test
    void theOpenIdConfigurationAdvertisesEveryEndpointAndS256AndTheIssuerParameter() {
        JsonNode metadata = http.get("/.well-known/openid-configuration").json();
        assertCommonMetadata(metadata);
        assertThat(metadata.get("userinfo_endpoint").asString()).isEqualTo(ISSUER + "/userinfo");
        assertThat(metadata.get("end_session_endpoint").asString()).isEqualTo(ISSUER + "/connect/logout");
        assertThat(metadata.get("id_token_signing_alg_values_supported").toString()).contains("RS256");
    }

    @Test
    void theOpenIdConfigurationNamesTheClaimsIssuedAndRefusesRequestObjects() {
        JsonNode metadata = http.get("/.well-known/openid-configuration").json();
        assertThat(metadata.get("claims_supported")).as(metadata.toString()).isNotNull();
        assertThat(metadata.get("claims_supported").valueStream().map(JsonNode::asString).toList())
                .contains("iss", "sub", "aud", "exp", "iat", "auth_time", "sid", "preferred_username", "name",
                        "email", "email_verified")
                .as("the access token's roles are not an identity claim").doesNotContain("roles");
        assertThat(metadata.get("request_parameter_supported").asBoolean(true)).isFalse();
        assertThat(metadata.get("request_uri_parameter_supported").asBoolean(true)).isFalse();
    }

    @Test
    void bothDocumentsAdvertiseTheSameRegistrationEndpoint() {
        String oidc = http.get("/.well-known/openid-configuration").field("registration_endpoint");
        String oauth = http.get("/.well-known/oauth-authorization-server").field("registration_endpoint");
        assertThat(oidc).isEqualTo(ISSUER + "/connect/register");
        assertThat(oauth).isEqualTo(oidc);
    }

    @Test
    void theOAuthMetadataAdvertisesTheOAuthEndpointsOnly() {
        JsonNode metadata = http.get("/.well-known/oauth-authorization-server").json();
        assertCommonMetadata(metadata);
        assertThat(metadata.has("userinfo_endpoint")).isFalse();
        assertThat(metadata.has("end_session_endpoint")).isFalse();
    }

    @Test
    void healthIsPublic() {
        assertThat(http.get("/actuator/health").status()).isEqualTo(200);
    }

    private static void assertCommonMetadata(JsonNode metadata) {
        assertThat(metadata.get("issuer").asString()).isEqualTo(ISSUER);
        assertThat(metadata.get("authorization_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/authorize");
        assertThat(metadata.get("token_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/token");
        assertThat(metadata.get("jwks_uri").asString()).isEqualTo(ISSUER + "/oauth2/jwks");
        assertThat(metadata.get("introspection_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/introspect");
        assertThat(metadata.get("revocation_endpoint").asString()).isEqualTo(ISSUER + "/oauth2/revoke");
        assertThat(metadata.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
        assertThat(metadata.get("authorization_response_iss_parameter_supported").asBoolean()).isTrue();
        assertThat(metadata.get("response_types_supported").toString()).isEqualTo("[\"code\"]");
        assertThat(metadata.get("grant_types_supported").toString())
                .contains("authorization_code", "refresh_token", "client_credentials")
                .doesNotContain("password", "implicit");
    }
}
