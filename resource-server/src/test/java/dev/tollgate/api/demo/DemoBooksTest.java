package dev.tollgate.api.demo;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.api.book.BookRepository;
import dev.tollgate.api.support.ApiTest;

import static org.assertj.core.api.Assertions.assertThat;

class DemoBooksTest extends ApiTest {

    @Autowired
    private BookRepository books;

    @Autowired
    private JdbcClient jdbc;

    @Test
    void seedingTwiceAddsTheDemoBooksOnce() {
        DemoBooks seed = new DemoBooks(books);

        seed.run(null);
        long afterFirstStart = bookCount();
        seed.run(null);

        assertThat(afterFirstStart).isGreaterThanOrEqualTo(5);
        assertThat(bookCount()).isEqualTo(afterFirstStart);
        assertThat(DemoBooks.BOOKS).allSatisfy(book -> assertThat(books.existsByIsbn(book.isbn())).isTrue());
    }

    private long bookCount() {
        return jdbc.sql("select count(*) from book").query(Long.class).single();
    }
}
