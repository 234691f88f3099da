package dev.tollgate.api.book;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class IsbnTest {

    @ParameterizedTest
    @ValueSource(strings = {"978-0-441-17271-9", "9780441172719", "0-306-40615-2", "0 553 08853 X", "055308853x",
            "978 0 13 235088 4"})
    void validIsbnsAreAcceptedAsPeopleWriteThem(String isbn) {
        assertThat(Isbn.isValid(isbn)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"978-0-441-17271-0", "0-306-40615-3", "12345", "", "97804411727190", "X306406152",
            "978-0-441-1727X-9", "abcdefghij"})
    void wrongCheckDigitsAndShapesAreRejected(String isbn) {
        assertThat(Isbn.isValid(isbn)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-553-08853-x", " 0553 08853-X "})
    void normalizedIsbnsKeepOnlyDigitsAndAnUppercaseX(String isbn) {
        assertThat(Isbn.normalize(isbn)).isEqualTo("055308853X");
    }
}
