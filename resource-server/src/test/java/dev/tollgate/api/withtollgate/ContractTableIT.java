package dev.tollgate.api.withtollgate;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.http.HttpHeaders;

import dev.tollgate.api.support.ApiResponse;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the contract's API table, allowed and denied, with tokens Tollgate really issued: once as JWTs
 * (validated here against its JWKS) and once as opaque tokens (introspected at Tollgate). The outcome must
 * not depend on the kind of token.
 */
class ContractTableIT extends TollgateApiTest {

    private static final String ALL_SCOPES = "openid profile email books.read books.write users.read";
    private static final String BOOK = "{\"title\": \"The Dispossessed\", \"author\": \"Ursula K. Le Guin\"}";

    enum TokenKind {
        JWT("demo-service", "demo-web"),
        OPAQUE("demo-service-opaque", TollgateProcess.OPAQUE_WEB_CLIENT);

        final String serviceClient;
        final String webClient;

        TokenKind(String serviceClient, String webClient) {
            this.serviceClient = serviceClient;
            this.webClient = webClient;
        }
    }

    @ParameterizedTest
    @EnumSource
    void theTokensAreOfTheExpectedKind(TokenKind kind) {
        String service = tokens.service(kind.serviceClient, null);
        String admin = tokens.user(kind.webClient, "admin", ALL_SCOPES);

        assertThat(service.split("\\.")).hasSize(kind == TokenKind.JWT ? 3 : 1);
        assertThat(admin.split("\\.")).hasSize(kind == TokenKind.JWT ? 3 : 1);
    }

    @ParameterizedTest
    @EnumSource
    void aServiceWithBooksWriteReadsAndWritesBooksButIsNoUser(TokenKind kind) {
        String service = tokens.service(kind.serviceClient, null);

        assertThat(api.get("/api/books", service).status()).isEqualTo(200);
        String book = createdBook(service);
        ApiResponse read = api.get(book, service);
        assertThat(read.status()).isEqualTo(200);
        assertThat(api.put(book, service, BOOK, read.header(HttpHeaders.ETAG)).status()).isEqualTo(200);
        assertThat(api.delete(book, service, "*").status()).isEqualTo(204);

        assertPlainForbidden(api.get("/api/users/me", service));
        assertPlainForbidden(api.get("/api/users", service));
        assertPlainForbidden(api.get("/api/users/" + kind.serviceClient, service));
    }

    @ParameterizedTest
    @EnumSource
    void aServiceWithoutBooksWriteIsToldWhichScopeItLacks(TokenKind kind) {
        String readOnly = tokens.service(kind.serviceClient, "books.read");

        assertThat(api.get("/api/books", readOnly).status()).isEqualTo(200);
        assertInsufficientScope(api.post("/api/books", readOnly, BOOK), "books.write");
        assertInsufficientScope(api.put("/api/books/1", readOnly, BOOK, "*"), "books.write");
        assertInsufficientScope(api.delete("/api/books/1", readOnly, "*"), "books.write");
    }

    @ParameterizedTest
    @EnumSource
    void aliceReadsBooksAndSeesHerselfButMayNotWriteNorSeeOthers(TokenKind kind) {
        String admin = tokens.user(kind.webClient, "admin", ALL_SCOPES);
        String adminId = api.get("/api/users/me", admin).text("id");
        String alice = tokens.user(kind.webClient, "alice", ALL_SCOPES);

        assertThat(api.get("/api/books", alice).status()).isEqualTo(200);
        assertThat(api.get("/api/books/1", alice).status()).isEqualTo(200);
        ApiResponse me = api.get("/api/users/me", alice);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("username")).isEqualTo("alice");
        assertThat(me.body().path("roles").toString()).isEqualTo("[\"USER\"]");
        assertThat(api.get("/api/users/" + me.text("id"), alice).status()).isEqualTo(200);

        assertPlainForbidden(api.get("/api/users/" + adminId, alice));
        assertPlainForbidden(api.get("/api/users", alice));
        assertPlainForbidden(api.post("/api/books", alice, BOOK));
        assertPlainForbidden(api.put("/api/books/1", alice, BOOK, "*"));
        assertPlainForbidden(api.delete("/api/books/1", alice, "*"));
    }

    @ParameterizedTest
    @EnumSource
    void anAdminWritesBooksAndReadsTheWholeDirectory(TokenKind kind) {
        String alice = tokens.user(kind.webClient, "alice", ALL_SCOPES);
        String aliceId = api.get("/api/users/me", alice).text("id");
        String admin = tokens.user(kind.webClient, "admin", ALL_SCOPES);

        String book = createdBook(admin);
        assertThat(api.put(book, admin, BOOK, api.get(book, admin).header(HttpHeaders.ETAG)).status()).isEqualTo(200);
        assertThat(api.delete(book, admin, "*").status()).isEqualTo(204);

        ApiResponse alicesEntry = api.get("/api/users/" + aliceId, admin);
        assertThat(alicesEntry.status()).isEqualTo(200);
        assertThat(alicesEntry.text("username")).isEqualTo("alice");
        ApiResponse directory = api.get("/api/users?sort=username,asc", admin);
        assertThat(directory.status()).isEqualTo(200);
        assertThat(usernames(directory)).contains("admin", "alice").isSorted();
    }

    @ParameterizedTest
    @EnumSource
    void aUserTokenWithoutTheNeededScopeIsInsufficientScope(TokenKind kind) {
        String aliceWithoutBooks = tokens.user(kind.webClient, "alice", "openid profile");
        String adminWithoutUsersRead = tokens.user(kind.webClient, "admin", "openid books.read");

        assertInsufficientScope(api.get("/api/books", aliceWithoutBooks), "books.read");
        assertInsufficientScope(api.get("/api/books/1", aliceWithoutBooks), "books.read");
        assertThat(api.get("/api/users/me", aliceWithoutBooks).status()).isEqualTo(200);
        String aliceWithoutProfile = tokens.user(kind.webClient, "alice", "openid books.read");
        assertInsufficientScope(api.get("/api/users/me", aliceWithoutProfile), "profile");
        assertInsufficientScope(api.get("/api/users", adminWithoutUsersRead), "users.read");
        assertInsufficientScope(api.post("/api/books", adminWithoutUsersRead, BOOK), "books.write");
    }

    @ParameterizedTest
    @EnumSource
    void aMissingOrUnknownTokenIs401(TokenKind kind) {
        String forged = kind == TokenKind.JWT
                ? tokens.service(kind.serviceClient, null).replaceFirst("\\.[^.]+$", ".c2lnbmF0dXJl")
                : "never-issued-by-tollgate";

        ApiResponse noToken = api.get("/api/books", null);
        assertProblem(noToken, 401, "missing-token");
        ApiResponse unknown = api.get("/api/books", forged);
        assertProblem(unknown, 401, "invalid-token");
        assertThat(unknown.header(HttpHeaders.WWW_AUTHENTICATE)).contains("error=\"invalid_token\"");
    }

    @ParameterizedTest
    @EnumSource
    void bothKindsOfTokenDescribeAUserIdentically(TokenKind kind) {
        ApiResponse viaJwt = api.get("/api/users/me", tokens.user("demo-web", "admin", ALL_SCOPES));
        ApiResponse viaThisKind = api.get("/api/users/me", tokens.user(kind.webClient, "admin", ALL_SCOPES));

        assertThat(viaThisKind.text("id")).isEqualTo(viaJwt.text("id")).isNotBlank();
        assertThat(viaThisKind.text("username")).isEqualTo("admin");
        assertThat(viaThisKind.body().path("roles").toString()).isEqualTo(viaJwt.body().path("roles").toString())
                .isEqualTo("[\"ADMIN\",\"USER\"]");
    }

    private String createdBook(String token) {
        ApiResponse created = api.post("/api/books", token, BOOK);
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return "/api/books/" + created.body().path("id").asLong();
    }

    private static void assertPlainForbidden(ApiResponse response) {
        assertProblem(response, 403, "forbidden");
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    private static void assertInsufficientScope(ApiResponse response, String scope) {
        assertProblem(response, 403, "insufficient-scope");
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE))
                .contains("error=\"insufficient_scope\"").contains("scope=\"" + scope + "\"");
    }

    private static List<String> usernames(ApiResponse page) {
        List<String> usernames = new ArrayList<>();
        page.body().path("content").forEach(user -> usernames.add(user.path("username").asString()));
        return usernames;
    }
}
