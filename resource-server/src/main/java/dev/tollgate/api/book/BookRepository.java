package dev.tollgate.api.book;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import dev.tollgate.api.paging.PageQuery;

@Repository
public class BookRepository {

    /** API field name to column; the only values ever put into ORDER BY. */
    static final Map<String, String> SORTABLE_COLUMNS = sortableColumns();

    private static final String COLUMNS = "id, title, author, isbn, published_year";

    private final JdbcClient jdbc;

    public BookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Book> findPage(PageQuery page) {
        return jdbc.sql("select " + COLUMNS + " from book order by " + page.orderBy() + " limit :limit offset :offset")
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(Book.class)
                .list();
    }

    long count() {
        return jdbc.sql("select count(*) from book").query(Long.class).single();
    }

    Optional<Book> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from book where id = :id").param("id", id).query(Book.class).optional();
    }

    public boolean existsByIsbn(String isbn) {
        return jdbc.sql("select count(*) from book where isbn = :isbn").param("isbn", isbn).query(Long.class).single() > 0;
    }

    public Book insert(Book book) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into book (title, author, isbn, published_year) values (:title, :author, :isbn, :year)")
                .param("title", book.title())
                .param("author", book.author())
                .param("isbn", book.isbn())
                .param("year", book.publishedYear())
                .update(keys, "id");
        return new Book(keys.getKeyAs(Number.class).longValue(), book.title(), book.author(), book.isbn(),
                book.publishedYear());
    }

    boolean update(Book book) {
        return jdbc.sql("update book set title = :title, author = :author, isbn = :isbn, published_year = :year "
                        + "where id = :id")
                .param("title", book.title())
                .param("author", book.author())
                .param("isbn", book.isbn())
                .param("year", book.publishedYear())
                .param("id", book.id())
                .update() == 1;
    }

    boolean delete(long id) {
        return jdbc.sql("delete from book where id = :id").param("id", id).update() == 1;
    }

    private static Map<String, String> sortableColumns() {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put("id", "id");
        columns.put("title", "title");
        columns.put("author", "author");
        columns.put("isbn", "isbn");
        columns.put("publishedYear", "published_year");
        return Map.copyOf(columns);
    }
}
