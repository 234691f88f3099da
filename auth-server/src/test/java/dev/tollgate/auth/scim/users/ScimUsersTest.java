package dev.tollgate.auth.scim.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tollgate.auth.scim.ScimHttp;
import dev.tollgate.auth.scim.ScimHttp.Reply;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;

/** {@code /scim/v2/Users} over real HTTP, as a provisioning tool calls it with an admin token. */
@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class ScimUsersTest extends HttpTest {

    private static final String PASSWORD = "correct horse battery staple";

    private ScimHttp scim;

    private String userName;

    @BeforeEach
    void connect() {
        scim = new ScimHttp(http.baseUrl(), AdminHttp.demoAdminToken(http));
        userName = "u" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void createAnswers201WithLocationAndETagAndNeverThePassword(CapturedOutput output) {
        Reply created = create(userName, userName + "@example.com");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.contentType()).startsWith("application/scim+json");
        String id = created.json().get("id").asString();
        assertThat(created.location()).isEqualTo(scim.baseUrl() + "/Users/" + id);
        assertThat(created.etag()).isEqualTo("W/\"1\"").isEqualTo(created.json().at("/meta/version").asString());
        assertThat(created.json().get("userName").asString()).isEqualTo(userName);
        assertThat(created.json().at("/name/givenName").asString()).isEqualTo("Given");
        assertThat(created.json().at("/emails/0/value").asString()).isEqualTo(userName + "@example.com");
        assertThat(created.json().get("active").asBoolean()).isTrue();
        assertThat(created.json().at("/groups/0/display").asString()).isEqualTo("USER");
        assertThat(created.json().at("/meta/resourceType").asString()).isEqualTo("User");
        assertThat(created.body()).doesNotContainIgnoringCase("password").doesNotContain(PASSWORD);

        Reply read = scim.get("/Users/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.etag()).isEqualTo(created.etag());
        assertThat(read.body()).doesNotContainIgnoringCase("password");

        assertThat(output.getOut()).contains("event=ADMIN_CHANGE").contains("what=user.create")
                .contains("actor=demo-admin").contains("userName\\\":\\\"" + userName).doesNotContain(PASSWORD);
    }

    @Test
    void putReplacesTheUser() {
        String id = create(userName, null).json().get("id").asString();

        Reply replaced = scim.put("/Users/" + id, """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"familyName":"Replaced"},"emails":[{"value":"%s@example.org","primary":true}]}
                """.formatted(userName, userName), null);

        assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
        assertThat(replaced.json().at("/name/familyName").asString()).isEqualTo("Replaced");
        assertThat(replaced.json().at("/name/givenName").isMissingNode()).isTrue();
        assertThat(replaced.json().at("/emails/0/value").asString()).isEqualTo(userName + "@example.org");
        assertThat(replaced.etag()).isEqualTo("W/\"2\"");
    }

    @Test
    void patchAddsReplacesAndRemoves() {
        String id = create(userName, userName + "@example.com").json().get("id").asString();

        Reply patched = scim.patch("/Users/" + id, ScimHttp.patchOps(
                "{\"op\":\"replace\",\"path\":\"name.givenName\",\"value\":\"Renamed\"}",
                "{\"op\":\"replace\",\"path\":\"emails\",\"value\":[{\"value\":\"" + userName + "@new.example\"}]}",
                "{\"op\":\"add\",\"path\":\"displayName\",\"value\":\"Shown Name\"}",
                "{\"op\":\"remove\",\"path\":\"name.familyName\"}"), null);

        assertThat(patched.status()).as(patched.toString()).isEqualTo(200);
        assertThat(patched.json().at("/name/givenName").asString()).isEqualTo("Renamed");
        assertThat(patched.json().at("/name/familyName").isMissingNode()).isTrue();
        assertThat(patched.json().at("/emails/0/value").asString()).isEqualTo(userName + "@new.example");
        assertThat(patched.json().get("displayName").asString()).isEqualTo("Shown Name");

        Reply entraStyle = scim.patch("/Users/" + id, ScimHttp.patchOps(
                "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\""
                        + userName + "@entra.example\"}"), null);
        assertThat(entraStyle.status()).as(entraStyle.toString()).isEqualTo(200);
        assertThat(entraStyle.json().at("/emails/0/value").asString()).isEqualTo(userName + "@entra.example");

        Reply withoutEmail = scim.patch("/Users/" + id, ScimHttp.patchOps("{\"op\":\"remove\",\"path\":\"emails\"}"),
                null);
        assertThat(withoutEmail.json().has("emails")).isFalse();

        Reply inactive = scim.patch("/Users/" + id, ScimHttp.patchOps(
                "{\"op\":\"replace\",\"value\":{\"active\":false}}"), null);
        assertThat(inactive.json().get("active").asBoolean()).isFalse();
    }

    @Test
    void deleteAnswers204AndTheUserIsGone() {
        String id = create(userName, null).json().get("id").asString();

        assertThat(scim.delete("/Users/" + id, null).status()).isEqualTo(204);
        Reply gone = scim.get("/Users/" + id);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(gone.contentType()).startsWith("application/scim+json");
        assertThat(scim.delete("/Users/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void listFiltersPagesSortsAndSelectsAttributes() {
        create(userName + "-a", userName + "-a@example.com");
        create(userName + "-b", userName + "-b@example.com");
        create(userName + "-c", null);

        Reply page = scim.get("/Users?filter=" + encode("userName sw \"" + userName + "\" and emails pr")
                + "&startIndex=2&count=1&sortBy=userName&sortOrder=descending&attributes=userName");
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.json().get("schemas").get(0).asString())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
        assertThat(page.json().get("totalResults").asInt()).isEqualTo(2);
        assertThat(page.json().get("startIndex").asInt()).isEqualTo(2);
        assertThat(page.json().get("itemsPerPage").asInt()).isEqualTo(1);
        var user = page.json().get("Resources").get(0);
        assertThat(user.get("userName").asString()).isEqualTo(userName + "-a");
        assertThat(user.has("id")).as("always returned").isTrue();
        assertThat(user.has("emails")).as("not asked for").isFalse();

        Reply excluded = scim.get("/Users?filter=" + encode("userName eq \"" + userName + "-c\"")
                + "&excludedAttributes=groups,meta");
        var c = excluded.json().get("Resources").get(0);
        assertThat(c.has("groups")).isFalse();
        assertThat(c.has("meta")).isFalse();
        assertThat(c.has("userName")).isTrue();
    }

    @Test
    void aStaleIfMatchIsRefusedWith412AndNothingChanges() {
        Reply created = create(userName, null);
        String id = created.json().get("id").asString();
        scim.patch("/Users/" + id, ScimHttp.patchOps("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"One\"}"),
                created.etag());

        Reply stale = scim.patch("/Users/" + id, ScimHttp.patchOps(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Two\"}"), created.etag());
        assertThat(stale.status()).as(stale.toString()).isEqualTo(412);
        assertThat(stale.json().get("schemas").get(0).asString())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(scim.delete("/Users/" + id, created.etag()).status()).isEqualTo(412);
        assertThat(scim.get("/Users/" + id).json().get("displayName").asString()).isEqualTo("One");

        assertThat(scim.delete("/Users/" + id, "W/\"2\"").status()).isEqualTo(204);
    }

    @Test
    void badRequestsGetScimErrorsNeverA500AndWriteNothing() {
        assertError(scim.post("/Users", "{not json"), 400, "invalidSyntax");
        assertError(scim.post("/Users", "[]"), 400, "invalidSyntax");
        assertError(scim.post("/Users", ""), 400, "invalidSyntax");
        assertError(scim.post("/Users", user(userName, null).replace("\"active\":true", "\"shoeSize\":44")), 400,
                "invalidSyntax");
        assertError(scim.post("/Users", user(userName, null).replace("\"active\":true", "\"active\":\"yes\"")), 400,
                "invalidSyntax");
        assertError(scim.post("/Users", user("", null)), 400, "invalidValue");
        assertError(scim.post("/Users", user("x".repeat(101), null)), 400, "invalidValue");
        assertError(scim.get("/Users?filter=" + encode("password eq \"x\"")), 400, "invalidFilter");
        assertError(scim.get("/Users?filter=" + encode("userName eq")), 400, "invalidFilter");
        assertError(scim.get("/Users?sortBy=password"), 400, "invalidValue");
        assertError(scim.get("/Users?attributes=" + encode("a[b")), 400, "invalidPath");
        assertError(scim.get("/Users?startIndex=x"), 400, "invalidValue");
        assertThat(scim.get("/Users?filter=" + encode("userName eq \"" + userName + "\"")).json()
                .get("totalResults").asInt()).as("nothing was written").isZero();

        String id = create(userName, null).json().get("id").asString();
        assertError(scim.patch("/Users/" + id, "{\"Operations\":[{\"op\":\"jump\"}]}", null), 400, null);
        assertError(scim.patch("/Users/" + id, ScimHttp.patchOps("{\"op\":\"replace\",\"path\":\"a[b\",\"value\":1}"),
                null), 400, "invalidPath");
        assertError(scim.patch("/Users/" + id, ScimHttp.patchOps(
                "{\"op\":\"replace\",\"path\":\"active\",\"value\":\"no\"}"), null), 400, "invalidSyntax");
        assertError(scim.patch("/Users/" + id, ScimHttp.patchOps(
                "{\"op\":\"replace\",\"path\":\"id\",\"value\":\"" + UUID.randomUUID() + "\"}"), null), 400,
                "mutability");
        assertError(scim.get("/Users/not-an-id"), 404, null);
        assertError(scim.get("/Nothing"), 404, null);
    }

    @Test
    void aWeakPasswordIsRefusedWithThePolicysReason() {
        Reply weak = scim.post("/Users", user(userName, null).replace(PASSWORD, "short"));

        assertError(weak, 400, "invalidValue");
        assertThat(weak.detail()).contains("at least 12 characters");
        assertThat(scim.get("/Users?filter=" + encode("userName eq \"" + userName + "\"")).json()
                .get("totalResults").asInt()).isZero();

        String id = create(userName, null).json().get("id").asString();
        Reply common = scim.patch("/Users/" + id, ScimHttp.patchOps(
                "{\"op\":\"replace\",\"path\":\"password\",\"value\":\"" + userName + "\"}"), null);
        assertError(common, 400, "invalidValue");
    }

    @Test
    void userNamesAndEmailsAreUniqueRegardlessOfCase() {
        assertThat(create(userName, userName + "@example.com").status()).isEqualTo(201);

        assertError(create(userName.toUpperCase(), null), 409, "uniqueness");
        assertError(create(userName + "-2", userName.toUpperCase() + "@EXAMPLE.COM"), 409, "uniqueness");
        String other = create(userName + "-3", null).json().get("id").asString();
        assertError(scim.patch("/Users/" + other, ScimHttp.patchOps(
                "{\"op\":\"replace\",\"path\":\"userName\",\"value\":\"" + userName + "\"}"), null), 409, "uniqueness");
    }

    private Reply create(String name, String email) {
        return scim.post("/Users", user(name, email));
    }

    private static String user(String name, String email) {
        return """
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"%s",
                 "name":{"givenName":"Given","familyName":"Family"},%s
                 "active":true,"password":"%s"}
                """.formatted(name, email == null ? "" : "\"emails\":[{\"value\":\"" + email + "\",\"type\":\"work\"}],",
                PASSWORD);
    }

    static void assertError(Reply reply, int status, String scimType) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/scim+json");
        assertThat(reply.json().get("schemas").get(0).asString())
                .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
        assertThat(reply.json().get("status").asString()).isEqualTo(String.valueOf(status));
        if (scimType != null) {
            assertThat(reply.scimType()).as(reply.toString()).isEqualTo(scimType);
        }
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }
}
