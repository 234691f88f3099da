package dev.tollgate.api.book;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tollgate.api.support.ApiResponse;
import dev.tollgate.api.support.ApiTest;

import static dev.tollgate.api.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

class BookSearchTest extends ApiTest {

    private final String reader = TOKENS.alice("books.read").sign();
    private final String admin = TOKENS.admin("books.read books.write").sign();
    /** Unique per test, so other tests' books never match. */
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void shelf() {
        add("The Left Hand of Darkness " + tag, "Ursula K. Le Guin");
        add("A Wizard of Earthsea " + tag, "Ursula K. Le Guin");
        add("Darkness at Noon " + tag, "Arthur Koestler");
        add("100% Pure_Fiction " + tag, "Anonymous " + tag);
    }

    @Test
    void qFindsASubstringOfTitleOrAuthorIgnoringCase() {
        assertThat(titles("/api/books?sort=title&q=DARKNESS&title=" + tag))
                .containsExactly("Darkness at Noon " + tag, "The Left Hand of Darkness " + tag);
        assertThat(titles("/api/books?sort=title&size=100&q=le guin"))
                .contains("A Wizard of Earthsea " + tag, "The Left Hand of Darkness " + tag)
                .doesNotContain("Darkness at Noon " + tag);
    }

    @Test
    void titleAndAuthorFilterTheirOwnFieldAndCombine() {
        assertThat(titles("/api/books?title=darkness " + tag + "&author=guin"))
                .containsExactly("The Left Hand of Darkness " + tag);
        assertThat(titles("/api/books?author=" + tag)).containsExactly("100% Pure_Fiction " + tag);
    }

    @Test
    void searchCountsOnlyMatchesAndPagesThem() {
        ApiResponse page = api.get("/api/books?q=" + tag + "&size=3&page=1&sort=title,desc", reader);

        assertThat(page.body().path("page").path("totalElements").asLong()).isEqualTo(4);
        assertThat(page.body().path("page").path("totalPages").asInt()).isEqualTo(2);
        assertThat(titles(page)).containsExactly("100% Pure_Fiction " + tag);
    }

    @Test
    void wildcardCharactersAreSearchedLiterally() {
        // the client encodes % itself: these are the literal characters % and _
        assertThat(titles("/api/books?title=" + tag + "&q=100% pure_f")).containsExactly("100% Pure_Fiction " + tag);
        assertThat(titles("/api/books?q=%" + tag)).isEmpty();
        assertThat(titles("/api/books?q=_" + tag)).isEmpty();
    }

    @Test
    void aTooLongSearchTermIsNamed() {
        ApiResponse response = api.get("/api/books?title=" + "x".repeat(201), reader);

        assertProblem(response, 400, "invalid-fields");
        assertThat(response.body().path("errors").get(0).path("field").asString()).isEqualTo("title");
    }

    private void add(String title, String author) {
        assertThat(api.post("/api/books", admin, "{\"title\": \"%s\", \"author\": \"%s\"}".formatted(title, author))
                .status()).isEqualTo(201);
    }

    private List<String> titles(String path) {
        return titles(api.get(path, reader));
    }

    private static List<String> titles(ApiResponse response) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
        List<String> titles = new ArrayList<>();
        response.body().path("content").forEach(book -> titles.add(book.path("title").asString()));
        return titles;
    }
}
