package dev.tollgate.api.user;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class UserDirectoryApiTest extends ApiTest {

    private final String adminId = UUID.randomUUID().toString();
    private final String admin = TOKENS.admin("openid profile users.read books.read").subject(adminId).sign();
    private final String service = TOKENS.client("demo-service", "books.read books.write").sign();

    @Test
    void aUserIsRecordedOnTheirFirstCall() {
        String bobId = UUID.randomUUID().toString();
        String bob = TOKENS.user("bob", List.of("USER"), "openid profile books.read").subject(bobId).email("bob@example.com").sign();
        assertProblem(api.get("/api/users/" + bobId, admin), 404, "not-found");

        assertThat(api.get("/api/books", bob).status()).isEqualTo(200);

        ApiResponse firstLook = api.get("/api/users/" + bobId, admin);
        assertThat(firstLook.status()).isEqualTo(200);
        assertThat(firstLook.text("id")).isEqualTo(bobId);
        assertThat(firstLook.text("username")).isEqualTo("bob");
        assertThat(firstLook.text("email")).isEqualTo("bob@example.com");
        assertThat(firstLook.body().path("roles").toString()).isEqualTo("[\"USER\"]");
        Instant firstSeen = Instant.parse(firstLook.text("firstSeen"));
        assertThat(Instant.parse(firstLook.text("lastSeen"))).isEqualTo(firstSeen);
        assertThat(api.get("/api/users/me", bob).text("id")).isEqualTo(bobId);
    }

    @Test
    void theDirectoryFollowsWhatTheLatestTokenSays() {
        String carolId = UUID.randomUUID().toString();
        api.get("/api/users/me", TOKENS.user("carol", List.of("USER"), "openid profile").subject(carolId).sign());

        ApiResponse promoted = api.get("/api/users/me",
                TOKENS.user("carol.admin", List.of("ADMIN", "USER"), "openid profile").subject(carolId).sign());

        assertThat(promoted.text("username")).isEqualTo("carol.admin");
        assertThat(promoted.body().path("roles").toString()).isEqualTo("[\"ADMIN\",\"USER\"]");
    }

    @Test
    void clientTokensAreNotRecordedAndHaveNoMe() {
        assertThat(api.get("/api/books", service).status()).isEqualTo(200);

        assertProblem(api.get("/api/users/demo-service", admin), 404, "not-found");
        ApiResponse me = api.get("/api/users/me", service);
        assertProblem(me, 403, "forbidden");
        assertThat(me.header(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void aUserMaySeeThemselvesButNotOthers() {
        String daveId = UUID.randomUUID().toString();
        String dave = TOKENS.alice("openid profile").subject(daveId).sign();
        api.get("/api/users/me", admin);

        assertThat(api.get("/api/users/" + daveId, dave).status()).isEqualTo(200);
        assertProblem(api.get("/api/users/" + adminId, dave), 403, "forbidden");
        assertProblem(api.get("/api/users/" + adminId, service), 403, "forbidden");
    }

    @Test
    void anAdminMaySeeAnyoneAndUnknownIdsAre404() {
        String erinId = UUID.randomUUID().toString();
        api.get("/api/users/me", TOKENS.alice("openid profile").subject(erinId).sign());

        assertThat(api.get("/api/users/" + erinId, admin).text("id")).isEqualTo(erinId);
        assertProblem(api.get("/api/users/" + UUID.randomUUID(), admin), 404, "not-found");
    }

    @Test
    void aUsersEntryNeedsTheProfileScopeForThemselvesAndForAnAdmin() {
        String frankId = UUID.randomUUID().toString();
        String frankWithoutProfile = TOKENS.alice("openid books.read").subject(frankId).sign();
        assertThat(api.get("/api/users/me", TOKENS.alice("openid profile").subject(frankId).sign()).status())
                .isEqualTo(200);

        assertInsufficientProfileScope(api.get("/api/users/me", frankWithoutProfile));
        assertInsufficientProfileScope(api.get("/api/users/" + frankId, frankWithoutProfile));
        assertInsufficientProfileScope(api.get("/api/users/" + frankId, TOKENS.admin("openid users.read").sign()));
        // someone else's entry: no scope would help a user without the role
        assertProblem(api.get("/api/users/" + adminId, frankWithoutProfile), 403, "forbidden");
        // a client's own token has no user to show, whatever its scope
        assertProblem(api.get("/api/users/me", TOKENS.client("demo-service", "profile books.read").sign()), 403,
                "forbidden");
    }

    private static void assertInsufficientProfileScope(ApiResponse response) {
        assertProblem(response, 403, "insufficient-scope");
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE))
                .contains("error=\"insufficient_scope\"").contains("scope=\"profile\"");
    }

    @Test
    void listingUsersNeedsTheAdminRoleAndTheUsersReadScope() {
        ApiResponse list = api.get("/api/users?size=100&sort=username,asc", admin);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body().path("page").path("totalElements").asLong()).isGreaterThanOrEqualTo(1);
        List<String> ids = new ArrayList<>();
        list.body().path("content").forEach(user -> ids.add(user.path("id").asString()));
        assertThat(ids).contains(adminId);

        ApiResponse adminWithoutScope = api.get("/api/users", TOKENS.admin("openid books.read").sign());
        assertProblem(adminWithoutScope, 403, "insufficient-scope");
        assertThat(adminWithoutScope.header(HttpHeaders.WWW_AUTHENTICATE))
                .contains("error=\"insufficient_scope\"").contains("scope=\"users.read\"");

        ApiResponse userWithScope = api.get("/api/users", TOKENS.alice("openid users.read").sign());
        assertProblem(userWithScope, 403, "forbidden");
        assertProblem(api.get("/api/users", service), 403, "forbidden");
        assertProblem(api.get("/api/users?sort=password", admin), 400, "invalid-fields");
    }

    @Test
    void theUsersEndpointsNeedAToken() {
        ApiResponse response = api.get("/api/users/me", null);

        assertProblem(response, 401, "missing-token");
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
    }
}
