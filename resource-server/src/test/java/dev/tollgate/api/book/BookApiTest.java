package dev.tollgate.api.book;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class BookApiTest extends ApiTest {

    private static final String DUNE = """
            {"title": "Dune", "author": "Frank Herbert", "isbn": "978-0-441-17271-9", "publishedYear": 1965}""";

    private final String reader = TOKENS.alice("openid books.read").sign();
    private final String admin = TOKENS.admin("openid books.read books.write users.read").sign();
    private final String service = TOKENS.client("demo-service", "books.read books.write").sign();

    @Test
    void anAdminAddsReadsReplacesAndDeletesABook() {
        ApiResponse created = api.post("/api/books", admin, DUNE);
        assertThat(created.status()).isEqualTo(201);
        long id = created.body().path("id").asLong();
        assertThat(created.header(HttpHeaders.LOCATION)).endsWith("/api/books/" + id);
        assertThat(created.text("isbn")).isEqualTo("9780441172719");

        ApiResponse read = api.get("/api/books/" + id, reader);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.text("title")).isEqualTo("Dune");
        assertThat(read.text("author")).isEqualTo("Frank Herbert");
        assertThat(read.body().path("publishedYear").asInt()).isEqualTo(1965);
        assertThat(read.body().has("version")).as("the version travels as the ETag only").isFalse();

        ApiResponse replaced = api.put("/api/books/" + id, admin, """
                {"title": "Dune Messiah", "author": "Frank Herbert", "isbn": "0-306-40615-2", "publishedYear": 1969}""",
                read.header(HttpHeaders.ETAG));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.text("isbn")).isEqualTo("0306406152");
        ApiResponse reread = api.get("/api/books/" + id, reader);
        assertThat(reread.text("title")).isEqualTo("Dune Messiah");
        assertThat(reread.header(HttpHeaders.ETAG)).isEqualTo(replaced.header(HttpHeaders.ETAG))
                .isNotEqualTo(read.header(HttpHeaders.ETAG));

        assertThat(api.delete("/api/books/" + id, admin, reread.header(HttpHeaders.ETAG)).status()).isEqualTo(204);
        assertProblem(api.get("/api/books/" + id, reader), 404, "not-found");
    }

    @Test
    void aServiceWithBooksWriteMayWriteWithoutAnyRole() {
        ApiResponse created = api.post("/api/books", service, """
                {"title": "Neuromancer", "author": "William Gibson"}""");

        assertThat(created.status()).isEqualTo(201);
        long id = created.body().path("id").asLong();
        assertThat(api.put("/api/books/" + id, service, """
                {"title": "Neuromancer", "author": "William Gibson", "publishedYear": 1984}""", "*").status()).isEqualTo(200);
        assertThat(api.delete("/api/books/" + id, service, "*").status()).isEqualTo(204);
    }

    @Test
    void readingNeedsTheBooksReadScope() {
        String withoutScope = TOKENS.alice("openid profile").sign();

        assertInsufficientScope(api.get("/api/books", withoutScope), "books.read");
        assertInsufficientScope(api.get("/api/books/1", withoutScope), "books.read");
        assertInsufficientScope(api.send(HttpMethod.HEAD, "/api/books", withoutScope, null), "books.read");
    }

    @Test
    void aUserWithoutTheAdminRoleMayNotWriteAndIsNotToldToGetMoreScope() {
        String aliceWithWriteScope = TOKENS.alice("books.read books.write").sign();

        assertPlainForbidden(api.post("/api/books", reader, DUNE));
        assertPlainForbidden(api.post("/api/books", aliceWithWriteScope, DUNE));
        assertPlainForbidden(api.put("/api/books/1", aliceWithWriteScope, DUNE));
        assertPlainForbidden(api.delete("/api/books/1", aliceWithWriteScope));
    }

    @Test
    void writingWithoutTheBooksWriteScopeIsInsufficientScope() {
        String readOnlyService = TOKENS.client("demo-service", "books.read").sign();
        String adminReadOnly = TOKENS.admin("books.read").sign();

        assertInsufficientScope(api.post("/api/books", readOnlyService, DUNE), "books.write");
        assertInsufficientScope(api.put("/api/books/1", adminReadOnly, DUNE), "books.write");
        assertInsufficientScope(api.delete("/api/books/1", adminReadOnly), "books.write");
    }

    @Test
    void theAccessCheckComesBeforeTheBodyIsRead() {
        assertPlainForbidden(api.post("/api/books", reader, "{not json"));
    }

    @Test
    void badInputNamesEveryBadField() {
        ApiResponse response = api.post("/api/books", admin, """
                {"title": " ", "author": null, "isbn": "978-0-441-17271-0", "publishedYear": 1200}""");

        assertProblem(response, 400, "invalid-fields");
        assertThat(fieldsIn(response)).containsExactlyInAnyOrder("title", "author", "isbn", "publishedYear");
        assertThat(response.text("detail")).contains("title", "author", "isbn", "publishedYear");
    }

    @Test
    void eachBookRuleIsEnforcedOnItsOwn() {
        assertBadField("{\"title\": \"%s\", \"author\": \"A\"}".formatted("x".repeat(301)), "title");
        assertBadField("{\"title\": \"T\", \"author\": \"%s\"}".formatted("x".repeat(201)), "author");
        assertBadField("{\"title\": \"T\", \"author\": \"A\", \"isbn\": \"12345\"}", "isbn");
        assertBadField("{\"title\": \"T\", \"author\": \"A\", \"isbn\": \"0-306-40615-3\"}", "isbn");
        assertBadField("{\"title\": \"T\", \"author\": \"A\", \"publishedYear\": 3000}", "publishedYear");
        assertBadField("{\"title\": \"T\", \"author\": \"A\", \"publishedYear\": \"soon\"}", "publishedYear");
        assertBadField("{\"author\": \"A\"}", "title");
    }

    @Test
    void malformedJsonIs400() {
        assertProblem(api.post("/api/books", admin, "{\"title\": "), 400, "malformed-request");
        assertProblem(api.put("/api/books/1", admin, "[]"), 400, "malformed-request");
    }

    @Test
    void aSecondBookWithTheSameIsbnIsAConflict() {
        String book = """
                {"title": "Snow Crash", "author": "Neal Stephenson", "isbn": "0-553-08853-X"}""";
        assertThat(api.post("/api/books", admin, book).status()).isEqualTo(201);

        ApiResponse duplicate = api.post("/api/books", admin, book.replace("0-553-08853-X", "055308853x"));

        assertProblem(duplicate, 409, "duplicate-isbn");
        assertThat(fieldsIn(duplicate)).containsExactly("isbn");
    }

    @Test
    void unknownIdsAre404AndNonNumericIds400() {
        assertProblem(api.get("/api/books/999999", reader), 404, "not-found");
        assertProblem(api.put("/api/books/999999", admin, DUNE), 404, "not-found");
        assertProblem(api.delete("/api/books/999999", admin), 404, "not-found");
        assertProblem(api.get("/api/books/abc", reader), 400, "invalid-fields");
    }

    @Test
    void unsupportedMethodsAndMediaTypesAreProblemsToo() {
        assertProblem(api.send(HttpMethod.PATCH, "/api/books/1", admin, DUNE), 405, "method-not-allowed");
        assertProblem(api.exchange(HttpMethod.POST, "/api/books", headers -> headers.setBearerAuth(admin), "Dune",
                MediaType.TEXT_PLAIN), 415, "unsupported-media-type");
        assertProblem(api.get("/api/nothing-here", reader), 404, "not-found");
    }

    @Test
    void booksArePagedAndSorted() {
        for (String title : List.of("Paging C", "Paging A", "Paging B")) {
            assertThat(api.post("/api/books", admin, "{\"title\": \"%s\", \"author\": \"Pager\"}".formatted(title)).status())
                    .isEqualTo(201);
        }

        ApiResponse firstPage = api.get("/api/books?page=0&size=2&sort=title,desc", reader);

        assertThat(firstPage.status()).isEqualTo(200);
        JsonNode page = firstPage.body().path("page");
        assertThat(page.path("size").asInt()).isEqualTo(2);
        assertThat(page.path("number").asInt()).isEqualTo(0);
        long total = page.path("totalElements").asLong();
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(page.path("totalPages").asLong()).isEqualTo((total + 1) / 2);
        assertThat(titles(firstPage)).hasSize(2).isSortedAccordingTo((a, b) -> b.compareTo(a));

        ApiResponse all = api.get("/api/books?size=100&sort=title", reader);
        List<String> titles = titles(all);
        assertThat(titles).isSorted().containsSubsequence("Paging A", "Paging B", "Paging C");
    }

    @Test
    void pageSizeIsCappedAndBadPagingIsNamed() {
        assertThat(api.get("/api/books?size=1000", reader).body().path("page").path("size").asInt()).isEqualTo(100);

        assertBadParameter(api.get("/api/books?sort=price,asc", reader), "sort");
        assertBadParameter(api.get("/api/books?sort=title,sideways", reader), "sort");
        assertBadParameter(api.get("/api/books?page=-1", reader), "page");
        assertBadParameter(api.get("/api/books?size=0", reader), "size");
        assertBadParameter(api.get("/api/books?page=first", reader), "page");
    }

    private void assertBadField(String json, String field) {
        ApiResponse response = api.post("/api/books", admin, json);
        assertThat(response.status()).as(json).isEqualTo(400);
        assertThat(fieldsIn(response)).as(json).containsExactly(field);
    }

    private static void assertBadParameter(ApiResponse response, String parameter) {
        assertProblem(response, 400, "invalid-fields");
        assertThat(fieldsIn(response)).containsExactly(parameter);
    }

    private static void assertInsufficientScope(ApiResponse response, String scope) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header(HttpHeaders.WWW_AUTHENTICATE))
                .startsWith("Bearer ")
                .contains("error=\"insufficient_scope\"")
                .contains("scope=\"" + scope + "\"");
        if (!response.body().isMissingNode()) {
            assertProblem(response, 403, "insufficient-scope");
        }
    }

    private static void assertPlainForbidden(ApiResponse response) {
        assertProblem(response, 403, "forbidden");
        String challenge = response.header(HttpHeaders.WWW_AUTHENTICATE);
        assertThat(challenge == null ? "" : challenge).doesNotContain("insufficient_scope");
    }

    private static List<String> fieldsIn(ApiResponse response) {
        List<String> fields = new ArrayList<>();
        response.body().path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }

    private static List<String> titles(ApiResponse response) {
        List<String> titles = new ArrayList<>();
        response.body().path("content").forEach(book -> titles.add(book.path("title").asString()));
        return titles;
    }
}
