package dev.tollgate.api.book;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** What a client sends to create or replace a book. */
public record BookInput(
        @NotBlank @Size(max = 300) String title,
        @NotBlank @Size(max = 200) String author,
        @ValidIsbn String isbn,
        @PlausiblePublicationYear Integer publishedYear) {

    Book toBook(Long id) {
        return new Book(id, title.strip(), author.strip(), Isbn.normalize(isbn), publishedYear);
    }
}
