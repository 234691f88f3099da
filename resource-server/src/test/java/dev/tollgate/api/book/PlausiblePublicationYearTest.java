package dev.tollgate.api.book;

import java.time.Duration;
import java.time.Year;

import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.tollgate.api.support.ApiTest;
import dev.tollgate.testsupport.TestClock;

import static org.assertj.core.api.Assertions.assertThat;

/** "Next year" is next year on the API's clock, the one request validation uses too. */
class PlausiblePublicationYearTest extends ApiTest {

    @Autowired
    private Validator validator;

    @Autowired
    private TestClock clock;

    @Test
    void aBookAnnouncedForNextYearIsPlausibleAndOneForTheYearAfterOnlyOnceTheYearHasTurned() {
        int nextYear = Year.now().getValue() + 1;

        assertThat(validator.validate(book(nextYear))).isEmpty();
        assertThat(validator.validate(book(nextYear + 1))).extracting(problem -> problem.getPropertyPath().toString())
                .containsExactly("publishedYear");

        clock.advance(Duration.ofDays(366));

        assertThat(validator.validate(book(nextYear + 1))).isEmpty();
    }

    private static BookInput book(int publishedYear) {
        return new BookInput("Children of Time", "Adrian Tchaikovsky", null, publishedYear);
    }
}
