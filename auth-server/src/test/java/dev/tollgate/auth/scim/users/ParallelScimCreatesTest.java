package dev.tollgate.auth.scim.users;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.RepeatedTest;

import dev.tollgate.auth.scim.ScimHttp;
import dev.tollgate.auth.scim.ScimHttp.Reply;
import dev.tollgate.auth.support.AdminHttp;
import dev.tollgate.auth.support.AuthServerTest;
import dev.tollgate.auth.support.Concurrently;
import dev.tollgate.auth.support.HttpTest;

/** Two provisioning requests for one userName at the same moment: one user, one 409. */
@AuthServerTest
class ParallelScimCreatesTest extends HttpTest {

    @RepeatedTest(3)
    void oneOfTwoParallelCreatesOfOneUserNameWins() {
        ScimHttp scim = new ScimHttp(http.baseUrl(), AdminHttp.demoAdminToken(http));
        String userName = "p" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"" + userName
                + "\",\"password\":\"correct horse battery staple\"}";

        List<Reply> replies = Concurrently.times(2, () -> scim.post("/Users", body));

        assertThat(replies).extracting(Reply::status).containsExactlyInAnyOrder(201, 409);
        Reply conflict = replies.stream().filter(reply -> reply.status() == 409).findFirst().orElseThrow();
        assertThat(conflict.scimType()).as(conflict.toString()).isEqualTo("uniqueness");
        assertThat(scim.get("/Users?filter=" + ScimUsersTest.encode("userName eq \"" + userName + "\"")).json()
                .get("totalResults").asInt()).isEqualTo(1);
    }
}
