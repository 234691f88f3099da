package dev.tollgate.api.book;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/** Two admins editing the same book: the second one to save learns that it changed, nobody loses work silently. */
class BookVersionsTest extends ApiTest {

    private static final String BOOK = "{\"title\": \"Kindred\", \"author\": \"Octavia E. Butler\"}";

    private final String admin = TOKENS.admin("books.read books.write").sign();
    private final String otherAdmin = TOKENS.admin("books.read books.write").sign();

    @Test
    void theSecondOfTwoConcurrentEditsGets412AndTheFirstEditStays() {
        String path = newBook();
        String etagSeenByBoth = api.get(path, admin).header(HttpHeaders.ETAG);

        ApiResponse first = api.put(path, admin, BOOK.replace("Kindred", "Kindred (first edit)"), etagSeenByBoth);
        ApiResponse second = api.put(path, otherAdmin, BOOK.replace("Kindred", "Kindred (second edit)"), etagSeenByBoth);

        assertThat(first.status()).isEqualTo(200);
        assertProblem(second, 412, "precondition-failed");
        assertThat(api.get(path, admin).text("title")).isEqualTo("Kindred (first edit)");
    }

    @Test
    void deletingAStaleVersionIs412AndTheBookStays() {
        String path = newBook();
        String stale = api.get(path, admin).header(HttpHeaders.ETAG);
        assertThat(api.put(path, admin, BOOK, stale).status()).isEqualTo(200);

        assertProblem(api.delete(path, otherAdmin, stale), 412, "precondition-failed");
        assertThat(api.get(path, admin).status()).isEqualTo(200);
    }

    @Test
    void withoutIfMatchAChangeIs428() {
        String path = newBook();

        assertProblem(api.put(path, admin, BOOK), 428, "precondition-required");
        assertProblem(api.delete(path, admin), 428, "precondition-required");
    }

    @Test
    void ifMatchStarOverwritesWhateverIsThere() {
        String path = newBook();
        api.put(path, admin, BOOK, api.get(path, admin).header(HttpHeaders.ETAG));

        assertThat(api.put(path, otherAdmin, BOOK, "*").status()).isEqualTo(200);
        assertThat(api.delete(path, otherAdmin, "*").status()).isEqualTo(204);
    }

    @Test
    void aWeakOrMalformedIfMatchNeverMatches() {
        String path = newBook();
        String etag = api.get(path, admin).header(HttpHeaders.ETAG);

        assertProblem(api.put(path, admin, BOOK, "W/" + etag), 412, "precondition-failed");
        assertProblem(api.put(path, admin, BOOK, "\"unterminated"), 400, "malformed-request");
    }

    @Test
    void theEtagComesWithEveryRepresentationAndIfNoneMatchGives304() {
        ApiResponse created = api.post("/api/books", admin, BOOK);
        String path = "/api/books/" + created.body().path("id").asLong();
        String etag = api.get(path, admin).header(HttpHeaders.ETAG);

        assertThat(created.header(HttpHeaders.ETAG)).isEqualTo(etag).startsWith("\"");
        ApiResponse notModified = api.exchange(HttpMethod.GET, path, headers -> {
            headers.setBearerAuth(admin);
            headers.setIfNoneMatch(etag);
        }, null, null);
        assertThat(notModified.status()).isEqualTo(304);
    }

    private String newBook() {
        ApiResponse created = api.post("/api/books", admin, BOOK);
        assertThat(created.status()).isEqualTo(201);
        return "/api/books/" + created.body().path("id").asLong();
    }
}
