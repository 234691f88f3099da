package dev.tollgate.auth.scim.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.tollgate.auth.scim.ScimHttp;
import dev.tollgate.auth.scim.ScimHttp.Reply;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;

/** What a SCIM client reads before it provisions: answered without a token (RFC 7644 section 4). */
@AuthServerTest
class ScimDiscoveryTest extends HttpTest {

    @Test
    void serviceProviderConfigSaysWhatIsSupported() {
        Reply config = new ScimHttp(http.baseUrl(), null).get("/ServiceProviderConfig");

        assertThat(config.status()).as(config.toString()).isEqualTo(200);
        assertThat(config.contentType()).startsWith("application/scim+json");
        assertThat(config.json().at("/patch/supported").asBoolean()).isTrue();
        assertThat(config.json().at("/filter/supported").asBoolean()).isTrue();
        assertThat(config.json().at("/filter/maxResults").asInt()).isEqualTo(200);
        assertThat(config.json().at("/sort/supported").asBoolean()).isTrue();
        assertThat(config.json().at("/etag/supported").asBoolean()).isTrue();
        assertThat(config.json().at("/bulk/supported").asBoolean()).isFalse();
        assertThat(config.json().at("/authenticationSchemes/0/type").asString()).isEqualTo("oauthbearertoken");
    }

    @Test
    void usersAndGroupsNeedAToken() {
        Reply users = new ScimHttp(http.baseUrl(), null).get("/Users");

        assertThat(users.status()).as(users.toString()).isEqualTo(401);
        assertThat(users.contentType()).startsWith("application/scim+json");
        assertThat(users.json().get("schemas").get(0).asString())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(new ScimHttp(http.baseUrl(), null).get("/Groups").status()).isEqualTo(401);
    }

    @Test
    void resourceTypesAndSchemasDescribeUsersAndGroups() {
        ScimHttp scim = new ScimHttp(http.baseUrl(), null);

        Reply types = scim.get("/ResourceTypes");
        assertThat(types.status()).as(types.toString()).isEqualTo(200);
        assertThat(types.json().get("totalResults").asInt()).isEqualTo(2);
        assertThat(types.json().at("/Resources/0/endpoint").asString()).isEqualTo("/Users");
        assertThat(scim.get("/ResourceTypes/Group").json().get("schema").asString())
                .isEqualTo("urn:ietf:params:scim:schemas:core:2.0:Group");

        Reply user = scim.get("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User");
        assertThat(user.status()).as(user.toString()).isEqualTo(200);
        assertThat(user.body()).contains("\"userName\"").contains("\"givenName\"").contains("\"emails\"")
                .contains("\"active\"").doesNotContain("\"phoneNumbers\"").doesNotContain("\"x509Certificates\"");
        assertThat(user.body()).as("password is write-only, never returned")
                .containsPattern("\"name\":\"password\".*?\"mutability\":\"writeOnly\",\"returned\":\"never\"");
        assertThat(scim.get("/Schemas").json().get("totalResults").asInt()).isEqualTo(2);
        assertThat(scim.get("/Schemas/urn:unknown").status()).isEqualTo(404);
    }
}
