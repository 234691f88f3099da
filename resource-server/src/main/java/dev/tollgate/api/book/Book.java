package dev.tollgate.api.book;

/** A book as the API shows it; {@code isbn} is stored and shown normalized (digits, and X for ISBN-10). */
public record Book(Long id, String title, String author, String isbn, Integer publishedYear) {
}
