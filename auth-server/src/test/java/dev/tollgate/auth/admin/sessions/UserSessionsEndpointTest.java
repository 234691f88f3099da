package dev.tollgate.auth.admin.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.tollgate.auth.support.AdminApiTest;
import dev.tollgate.auth.support.AdminHttp.Reply;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Browser;
import dev.tollgate.auth.support.Grants.Client;
import dev.tollgate.auth.support.OAuthHttp;
import dev.tollgate.auth.support.TestUsers;
import dev.tollgate.auth.user.TollgateUser;
import tools.jackson.databind.JsonNode;

@AuthServerTest
@ExtendWith(OutputCaptureExtension.class)
class UserSessionsEndpointTest extends AdminApiTest {

    @Test
    void anAdminSeesTheSessionsOfAUserAndEndsThemAll(CapturedOutput output) throws Exception {
        TollgateUser user = testUsers.create("sessions");
        TollgateUser bystander = testUsers.create("bystander");
        try (Browser laptop = new Browser(http.baseUrl()); Browser phone = new Browser(http.baseUrl());
                Browser other = new Browser(http.baseUrl())) {
            OAuthHttp.Reply untouched = grants.exchange(grants.authorize(other, Client.DEMO_WEB, bystander.username(),
                    TestUsers.PASSWORD, "openid books.read"));
            OAuthHttp.Reply web = grants.exchange(grants.authorize(laptop, Client.DEMO_WEB, user.username(),
                    TestUsers.PASSWORD, "openid books.read"));
            OAuthHttp.Reply cli = grants.exchange(grants.authorize(phone, Client.DEMO_CLI, user.username(),
                    TestUsers.PASSWORD, "openid books.read"));

            Reply listed = admin.get(sessionsOf(user.id()));

            assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
            assertThat(listed.contentType()).startsWith("application/json");
            List<JsonNode> sessions = new ArrayList<>();
            listed.json().forEach(sessions::add);
            assertThat(sessions).hasSize(2);
            assertThat(sessions).extracting(session -> session.path("clients").toString())
                    .containsExactlyInAnyOrder("[\"demo-web\"]", "[\"demo-cli\"]");
            assertThat(sessions).allSatisfy(session -> {
                assertThat(session.propertyNames()).containsExactlyInAnyOrder("id", "created", "lastUsed", "address",
                        "userAgent", "clients");
                assertThat(session.path("id").asString()).isNotBlank()
                        .isNotIn(laptop.sessionCookie(), phone.sessionCookie());
                assertThat(Instant.parse(session.path("created").asString())).isBefore(Instant.now().plusSeconds(1));
                assertThat(Instant.parse(session.path("lastUsed").asString())).isNotNull();
                assertThat(session.path("address").asString()).isEqualTo("127.0.0.1");
                assertThat(session.path("userAgent").asString()).startsWith("Mozilla/");
            });

            Reply ended = admin.delete(sessionsOf(user.id()));

            assertThat(ended.status()).as(ended.toString()).isEqualTo(204);
            assertThat(laptop.isSignedIn()).as("the user's browser session ended").isFalse();
            assertThat(phone.isSignedIn()).isFalse();
            for (OAuthHttp.Reply tokens : List.of(web, cli)) {
                assertThat(grants.isActive(tokens.field("access_token"))).isFalse();
                assertThat(grants.isActive(tokens.field("refresh_token"))).isFalse();
                assertThat(grants.refresh(Client.DEMO_WEB, web.field("refresh_token")).status()).isEqualTo(400);
            }
            assertThat(admin.get(sessionsOf(user.id())).json().size()).isZero();
            assertThat(grants.isActive(untouched.field("access_token"))).as("another user's tokens").isTrue();
            assertThat(grants.isActive(untouched.field("refresh_token"))).isTrue();
            assertThat(other.isSignedIn()).as("another user's session").isTrue();
            assertThat(output.getOut()).contains("event=ADMIN_CHANGE", "what=user.sessions.end",
                    "actor=demo-admin", "user=" + user.id());
        }
    }

    @Test
    void anUnknownUserIsA404Problem() {
        for (Reply reply : List.of(admin.get(sessionsOf(UUID.randomUUID())),
                admin.delete(sessionsOf(UUID.randomUUID())))) {
            assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().path("detail").asString()).startsWith("No user with id ");
        }
    }

    @Test
    void anIdThatIsNotAUuidIsA400Problem() {
        Reply reply = admin.get("/admin/api/users/alice/sessions");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asString()).isEqualTo("'id' must be a UUID, not 'alice'");
    }

    @Test
    void aMethodThePathDoesNotTakeIsA405Problem() {
        Reply reply = admin.postJson(sessionsOf(UUID.randomUUID()), "{}");

        assertThat(reply.status()).as(reply.toString()).isEqualTo(405);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().path("detail").asString()).startsWith("POST is not allowed on /admin/api/users/");
    }

    private static String sessionsOf(UUID userId) {
        return "/admin/api/users/" + userId + "/sessions";
    }

}
