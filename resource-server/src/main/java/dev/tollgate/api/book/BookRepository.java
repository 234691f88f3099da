package dev.tollgate.api.book;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.api.paging.PageQuery;

@Repository
public class BookRepository {

    /** API field name to column; the only values ever put into ORDER BY. */
    static final Map<String, String> SORTABLE_COLUMNS = sortableColumns();

    private static final String COLUMNS = "id, title, author, isbn, published_year";
    private static final String VERSIONED_COLUMNS = COLUMNS + ", version";

    private final JdbcClient jdbc;

    public BookRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Book> findPage(BookSearch search, PageQuery page) {
        return jdbc.sql("select " + COLUMNS + " from book" + search.where() + " order by " + page.orderBy()
                        + " limit :limit offset :offset")
                .params(search.parameters())
                .param("limit", page.size())
                .param("offset", page.offset())
                .query(Book.class)
                .list();
    }

    long count(BookSearch search) {
        return jdbc.sql("select count(*) from book" + search.where()).params(search.parameters()).query(Long.class).single();
    }

    Optional<StoredBook> findById(long id) {
        return jdbc.sql("select " + VERSIONED_COLUMNS + " from book where id = :id").param("id", id)
                .query((row, number) -> new StoredBook(new Book(row.getLong("id"), row.getString("title"),
                        row.getString("author"), row.getString("isbn"), row.getObject("published_year", Integer.class)),
                        row.getLong("version")))
                .optional();
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

    /** Replaces the book only if it is still at {@code version}: two writers cannot both win. */
    boolean update(Book book, long version) {
        return jdbc.sql("update book set title = :title, author = :author, isbn = :isbn, published_year = :year, "
                        + "version = version + 1 where id = :id and version = :version")
                .param("title", book.title())
                .param("author", book.author())
                .param("isbn", book.isbn())
                .param("year", book.publishedYear())
                .param("id", book.id())
                .param("version", version)
                .update() == 1;
    }

    /**
     * Replaces the book whatever its version (the last writer wins) and answers the version written, or empty
     * when there is no such book. In one transaction: the update locks the row, so the version read back is ours.
     */
    @Transactional
    public OptionalLong replace(Book book) {
        int updated = jdbc.sql("update book set title = :title, author = :author, isbn = :isbn, published_year = :year, "
                        + "version = version + 1 where id = :id")
                .param("title", book.title())
                .param("author", book.author())
                .param("isbn", book.isbn())
                .param("year", book.publishedYear())
                .param("id", book.id())
                .update();
        if (updated == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(jdbc.sql("select version from book where id = :id").param("id", book.id())
                .query(Long.class).single());
    }

    boolean delete(long id, long version) {
        return jdbc.sql("delete from book where id = :id and version = :version")
                .param("id", id).param("version", version).update() == 1;
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
