package dev.tollgate.api.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import dev.tollgate.api.support.AccessTokens;
import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Opaque (reference) tokens, as demo-service-opaque gets them, are checked by introspection. */
class OpaqueTokenTest extends ApiTest {

    @Test
    void anOpaqueServiceTokenReadsAndWritesBooks() {
        String token = AUTH_SERVER.issueOpaqueToken(Map.of("sub", "demo-service-opaque", "client_id", "demo-service-opaque",
                "scope", "books.read books.write", "aud", List.of(AccessTokens.AUDIENCE)));

        assertThat(api.get("/api/books", token).status()).isEqualTo(200);
        assertThat(api.post("/api/books", token, "{\"title\": \"Solaris\", \"author\": \"Stanislaw Lem\"}").status())
                .isEqualTo(201);
        assertProblem(api.get("/api/users/me", token), 403, "forbidden");
    }

    @Test
    void anOpaqueUserTokenIsRecordedInTheDirectoryWithItsUsernameAndRoles() {
        String sub = UUID.randomUUID().toString();
        String token = AUTH_SERVER.issueOpaqueToken(Map.of("sub", sub, "client_id", "demo-web", "username", "frank",
                "roles", List.of("ADMIN", "USER"), "scope", "profile books.read users.read", "aud", AccessTokens.AUDIENCE));

        ApiResponse me = api.get("/api/users/me", token);

        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(sub);
        assertThat(me.text("username")).isEqualTo("frank");
        assertThat(api.get("/api/users", token).status()).isEqualTo(200);
    }

    @Test
    void anInactiveOrUnknownOpaqueTokenIs401() {
        ApiResponse response = api.get("/api/books", "revoked-or-never-issued");

        assertProblem(response, 401, "invalid-token");
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).contains("error=\"invalid_token\"");
    }

    @Test
    void anOpaqueTokenForAnotherApiOrIssuerIs401() {
        String otherAudience = AUTH_SERVER.issueOpaqueToken(Map.of("sub", "demo-service-opaque",
                "client_id", "demo-service-opaque", "scope", "books.read", "aud", "http://other-api.example"));
        String otherIssuer = AUTH_SERVER.issueOpaqueToken(Map.of("sub", "demo-service-opaque", "iss", "http://evil.example",
                "client_id", "demo-service-opaque", "scope", "books.read", "aud", AccessTokens.AUDIENCE));
        String noAudience = AUTH_SERVER.issueOpaqueToken(Map.of("sub", "demo-service-opaque",
                "client_id", "demo-service-opaque", "scope", "books.read"));

        assertProblem(api.get("/api/books", otherAudience), 401, "invalid-token");
        assertProblem(api.get("/api/books", otherIssuer), 401, "invalid-token");
        assertProblem(api.get("/api/books", noAudience), 401, "invalid-token");
    }
}
