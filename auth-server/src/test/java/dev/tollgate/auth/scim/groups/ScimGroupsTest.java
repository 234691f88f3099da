package dev.tollgate.auth.scim.groups;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.auth.scim.RoleGroup;
import dev.tollgate.auth.scim.ScimHttp;
import dev.tollgate.auth.scim.ScimHttp.Reply;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.HttpTest;

/** {@code /scim/v2/Groups}: the two role groups, whose members are the users holding the role. */
@AuthServerTest
class ScimGroupsTest extends HttpTest {

    private static final String ADMIN = "/Groups/" + RoleGroup.ADMIN.id();

    private ScimHttp scim;

    @BeforeEach
    void connect() {
        scim = new ScimHttp(http.baseUrl(), AdminHttp.demoAdminToken(http));
    }

    @Test
    void thereAreTwoGroupsWithStableIdsOnePerRole() {
        Reply groups = scim.get("/Groups?excludedAttributes=members");

        assertThat(groups.status()).as(groups.toString()).isEqualTo(200);
        assertThat(groups.json().get("totalResults").asInt()).isEqualTo(2);
        List<String> names = new ArrayList<>();
        groups.json().get("Resources").forEach(group -> {
            names.add(group.get("displayName").asString());
            assertThat(group.has("members")).isFalse();
        });
        assertThat(names).containsExactly("ADMIN", "USER");
        assertThat(RoleGroup.ADMIN.id()).isEqualTo(UUID.fromString("340db674-0d88-3c62-aa63-150034afa7df"))
                .as("the id never changes");

        Reply user = scim.get("/Groups?filter=" + encode("displayName eq \"user\""));
        assertThat(user.json().get("totalResults").asInt()).isEqualTo(1);
        assertThat(user.json().at("/Resources/0/id").asString()).isEqualTo(RoleGroup.USER.id().toString());
    }

    @Test
    void membershipIsTheRole() {
        String id = newUser();
        assertThat(memberIds("/Groups/" + RoleGroup.USER.id())).as("a new user is in USER").contains(id);
        assertThat(memberIds(ADMIN)).doesNotContain(id);

        Reply added = scim.patch(ADMIN, ScimHttp.patchOps(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}"), null);
        assertThat(added.status()).as(added.toString()).isEqualTo(200);
        assertThat(memberIds(ADMIN)).contains(id);
        assertThat(scim.get("/Users/" + id).body()).contains("\"display\":\"ADMIN\"");

        Reply removed = scim.patch(ADMIN, ScimHttp.patchOps(
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + id + "\\\"]\"}"), added.etag());
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(memberIds(ADMIN)).doesNotContain(id);
        assertThat(scim.get("/Users/" + id).body()).doesNotContain("\"display\":\"ADMIN\"");
    }

    @Test
    void theGroupsCanBeNeitherCreatedRenamedNorDeleted() {
        assertError(scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"ADMIN\"}"), 409, "uniqueness");
        assertError(scim.post("/Groups", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"Sales\"}"), 400, "mutability");
        assertError(scim.delete(ADMIN, null), 400, "mutability");
        assertError(scim.patch(ADMIN, ScimHttp.patchOps(
                "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"ROOT\"}"), null), 400, "mutability");
        assertError(scim.get("/Groups/" + UUID.randomUUID()), 404, null);
    }

    @Test
    void theLastAdminsCannotAllBeRemovedFromAdmin() {
        List<String> before = memberIds(ADMIN);

        Reply emptied = scim.put(ADMIN, "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                + "\"displayName\":\"ADMIN\",\"members\":[]}", null);

        assertError(emptied, 400, "mutability");
        assertThat(emptied.detail()).contains("last active ADMIN");
        assertThat(memberIds(ADMIN)).isEqualTo(before);
    }

    @Test
    void badMembersAndFiltersAreScimErrors() {
        assertError(scim.patch(ADMIN, ScimHttp.patchOps(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + UUID.randomUUID() + "\"}]}"), null),
                400, "invalidValue");
        assertError(scim.patch(ADMIN, ScimHttp.patchOps(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"not-a-user\"}]}"), null),
                400, "invalidValue");
        assertError(scim.get("/Groups?filter=" + encode("shoeSize eq 1")), 400, "invalidFilter");
        assertError(scim.patch(ADMIN, ScimHttp.patchOps(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[]}"), "W/\"stale\""), 412, null);
    }

    private List<String> memberIds(String group) {
        List<String> ids = new ArrayList<>();
        scim.get(group).json().path("members").forEach(member -> ids.add(member.get("value").asString()));
        return ids;
    }

    private String newUser() {
        Reply created = scim.post("/Users", "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"g" + UUID.randomUUID().toString().substring(0, 8) + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("id").asString();
    }

    private static void assertError(Reply reply, int status, String scimType) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/scim+json");
        if (scimType != null) {
            assertThat(reply.scimType()).as(reply.toString()).isEqualTo(scimType);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
