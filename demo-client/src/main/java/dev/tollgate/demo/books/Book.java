package dev.tollgate.demo.books;

/** A book as the books API shows it. */
public record Book(String id, String title, String author, String isbn, Integer publishedYear) {
}
