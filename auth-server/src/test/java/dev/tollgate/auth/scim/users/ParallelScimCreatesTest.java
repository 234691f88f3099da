package dev.tollgate.auth.scim.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.RepeatedTest;

import dev.tollgate.auth.scim.ScimHttp;
import dev.tollgate.auth.scim.ScimHttp.Reply;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.HttpTest;

/** Two provisioning requests for one userName (in any case) at the same moment: one user, one 409. */
@AuthServerTest
class ParallelScimCreatesTest extends HttpTest {

    @RepeatedTest(3)
    void oneOfTwoParallelCreatesOfOneUserNameWins() {
        ScimHttp scim = new ScimHttp(http.baseUrl(), AdminHttp.demoAdminToken(http));
        String userName = "p" + UUID.randomUUID().toString().substring(0, 8);

        List<Reply> replies = Concurrently.times(2, () -> scim.post("/Users", user(userName)));

        assertOneCreatedOneRefused(scim, replies, userName);
    }

    @RepeatedTest(3)
    void oneOfTwoParallelCreatesOfOneUserNameInDifferentCaseWins() {
        ScimHttp scim = new ScimHttp(http.baseUrl(), AdminHttp.demoAdminToken(http));
        String userName = "q" + UUID.randomUUID().toString().substring(0, 8);
        List<String> spellings = List.of(userName, userName.toUpperCase(Locale.ROOT));
        AtomicInteger next = new AtomicInteger();

        List<Reply> replies = Concurrently.times(2, () -> scim.post("/Users", user(spellings.get(next.getAndIncrement()))));

        assertOneCreatedOneRefused(scim, replies, userName);
    }

    private static String user(String userName) {
        return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                + "\",\"password\":\"correct horse battery staple\"}";
    }

    private static void assertOneCreatedOneRefused(ScimHttp scim, List<Reply> replies, String userName) {
        assertThat(replies).extracting(Reply::status).containsExactlyInAnyOrder(201, 409);
        Reply conflict = replies.stream().filter(reply -> reply.status() == 409).findFirst().orElseThrow();
        assertThat(conflict.scimType()).as(conflict.toString()).isEqualTo("uniqueness");
        // SCIM compares userName case-insensitively (RFC 7643 4.1.1), so the filter counts both spellings
        assertThat(scim.get("/Users?filter=" + ScimUsersTest.encode("userName eq \"" + userName + "\"")).json()
                .get("totalResults").asInt()).isEqualTo(1);
    }
}
