package dev.tollgate.demo;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BooksTest extends DemoClientTest {

    private static final Map<String, String> FOUNDATION = Map.of("title", "Foundation", "author", "Isaac Asimov",
            "isbn", "9780553293357", "publishedYear", "1951");

    @Test
    void aliceSeesTheBooksOfTheApiFetchedWithHerAccessToken() {
        browser.signIn();

        HttpResponse<String> books = browser.open("/books");

        assertThat(books.statusCode()).isEqualTo(200);
        assertThat(books.body()).contains("<table id=\"books\"", "Dune", "Frank Herbert", "1965", "Neuromancer")
                .doesNotContain("id=\"add-book\"");
        assertThat(tollgate.isAccessToken(tollgate.lastBearerToken())).isTrue();
    }

    @Test
    void theReaderChoosesHowManyBooksAPageShowsUpToAHundred() {
        browser.signIn();

        browser.open("/books?page=1&size=100");
        assertThat(tollgate.lastBooksQuery()).containsEntry("page", "1").containsEntry("size", "100");

        browser.open("/books?size=100000");
        assertThat(tollgate.lastBooksQuery()).containsEntry("page", "0").containsEntry("size", "100");
    }

    @Test
    void aVisitorWhoSignsInFromTheBooksPageLandsBackOnIt() {
        HttpResponse<String> books = browser.open("/books");

        assertThat(books.uri().getPath()).isEqualTo("/books");
        assertThat(books.body()).contains("Dune");
    }

    @Test
    void anAdminAddsABook() {
        tollgate.signInAs("admin");
        browser.signIn();
        assertThat(browser.open("/books").body()).contains("id=\"add-book\"", "name=\"publishedYear\"");

        HttpResponse<String> added = browser.submit("/books", FOUNDATION);

        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(browser.follow(added).body()).contains("was added", "Foundation", "Isaac Asimov", "1951");
    }

    @Test
    void whenTheApiRefusesABookThenTheAdminReadsWhyAndKeepsWhatTheyTyped() {
        tollgate.signInAs("admin");
        browser.signIn();
        browser.open("/books");

        HttpResponse<String> refused = browser.submit("/books", Map.of("title", " ", "author", "Isaac Asimov",
                "isbn", "9780553293357", "publishedYear", "1951"));

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("The book was not added. The book is invalid.", "Title: must not be blank",
                "value=\"Isaac Asimov\"", "id=\"add-book\"", "Dune");
    }

    @Test
    void aYearThatIsNotANumberIsExplainedWithoutBotheringTheApi() {
        tollgate.signInAs("admin");
        browser.signIn();
        browser.open("/books");

        HttpResponse<String> refused = browser.submit("/books", Map.of("title", "Foundation", "author", "Isaac Asimov",
                "isbn", "9780553293357", "publishedYear", "nineteen fifty-one"));

        assertThat(refused.body()).contains("Published year: must be a whole number");
        assertThat(browser.open("/books").body()).doesNotContain("Foundation");
    }

    @Test
    void whenAliceTriesToAddABookThenSheIsToldSheIsNotAllowed() {
        browser.signIn();
        browser.open("/books");

        HttpResponse<String> forbidden = browser.submit("/books", FOUNDATION);

        assertThat(forbidden.body()).contains("You are not allowed to add books.");
        assertThat(browser.open("/books").body()).doesNotContain("Foundation");
    }

    @Test
    void whenTheBooksApiIsDownThenTheUserReadsAHumanMessage() {
        browser.signIn();
        tollgate.apiDown();

        HttpResponse<String> books = browser.open("/books");

        assertThat(books.statusCode()).isEqualTo(503);
        assertThat(books.body()).contains("The book service is not reachable right now")
                .doesNotContain("Exception", "Whitelabel");
    }
}
