package dev.tollgate.demo.books;

import java.util.List;

/** One page of {@code GET /api/books}. */
public record BookPage(List<Book> content, Page page) {

    public record Page(int size, int number, long totalElements, int totalPages) {
    }

    public boolean hasPrevious() {
        return page.number() > 0;
    }

    public boolean hasNext() {
        return page.number() + 1 < page.totalPages();
    }
}
