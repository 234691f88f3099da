package dev.tollgate.api.book;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two admins editing the same book: with If-Match, the second one to save learns that it changed and nobody loses
 * work silently; without it (optional, as the contract says) the last writer wins, and each learns the version it
 * wrote.
 */
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
    void withoutIfMatchAReplaceIs200WithTheNewEtagAndADeleteIs204() {
        String path = newBook();
        String before = api.get(path, admin).header(HttpHeaders.ETAG);

        ApiResponse replaced = api.put(path, admin, BOOK.replace("Kindred", "Kindred (unconditional)"));

        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.header(HttpHeaders.ETAG)).isNotEqualTo(before)
                .isEqualTo(api.get(path, admin).header(HttpHeaders.ETAG));
        assertThat(api.get(path, admin).text("title")).isEqualTo("Kindred (unconditional)");
        assertProblem(api.put(path, otherAdmin, BOOK, before), 412, "precondition-failed");

        assertThat(api.delete(path, admin).status()).isEqualTo(204);
        assertProblem(api.get(path, admin), 404, "not-found");
        assertProblem(api.put(path, admin, BOOK), 404, "not-found");
        assertProblem(api.delete(path, admin), 404, "not-found");
    }

    @Test
    void parallelReplacesWithoutIfMatchAllSucceedEachWithTheEtagOfTheVersionItWrote() throws Exception {
        String path = newBook();
        int writers = 8;
        CyclicBarrier start = new CyclicBarrier(writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<ApiResponse>> answers = new ArrayList<>();
        try {
            for (int writer = 0; writer < writers; writer++) {
                String title = "Kindred (writer " + writer + ")";
                answers.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return api.put(path, admin, BOOK.replace("Kindred", title));
                }));
            }
            Set<String> etags = new HashSet<>();
            Map<String, String> titleByEtag = new HashMap<>();
            for (Future<ApiResponse> answer : answers) {
                ApiResponse replaced = answer.get(30, TimeUnit.SECONDS);
                assertThat(replaced.status()).isEqualTo(200);
                etags.add(replaced.header(HttpHeaders.ETAG));
                titleByEtag.put(replaced.header(HttpHeaders.ETAG), replaced.text("title"));
            }
            assertThat(etags).as("one version each").hasSize(writers);

            ApiResponse last = api.get(path, admin);
            assertThat(titleByEtag).containsEntry(last.header(HttpHeaders.ETAG), last.text("title"));
        } finally {
            pool.shutdownNow();
        }
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
