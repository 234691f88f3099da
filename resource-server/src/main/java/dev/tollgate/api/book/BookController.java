package dev.tollgate.api.book;

import java.net.URI;
import java.util.OptionalLong;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.tollgate.api.docs.OpenApiConfig;
import dev.tollgate.api.paging.PageQuery;
import dev.tollgate.api.paging.PageResponse;
import dev.tollgate.api.problem.NotFoundException;

@RestController
@RequestMapping("/api/books")
class BookController {

    private static final String WRITE_RULE = "Scope books.write; a user's token also needs role ADMIN.";

    private final BookRepository books;

    BookController(BookRepository books) {
        this.books = books;
    }

    @GetMapping
    @Operation(summary = "List books, a page at a time",
            description = "Search with `q` (in title or author), `title` and `author`: case-insensitive substrings. "
                    + "Sort on id, title, author, isbn or publishedYear, e.g. `sort=title,desc`.")
    @SecurityRequirement(name = OpenApiConfig.SCHEME, scopes = "books.read")
    @SecurityRequirement(name = OpenApiConfig.PASTED_TOKEN)
    PageResponse<Book> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_SIZE) int size,
            @RequestParam(required = false) String sort,
            @RequestParam(required = false) String q,
            @RequestParam(required = false) String title,
            @RequestParam(required = false) String author) {
        PageQuery query = PageQuery.of(page, size, sort, BookRepository.SORTABLE_COLUMNS, "id");
        BookSearch search = new BookSearch(q, title, author);
        return query.toResponse(books.findPage(search, query), books.count(search));
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a book", description = "The ETag header is what If-Match needs to change it.")
    @SecurityRequirement(name = OpenApiConfig.SCHEME, scopes = "books.read")
    @SecurityRequirement(name = OpenApiConfig.PASTED_TOKEN)
    ResponseEntity<Book> get(@PathVariable long id) {
        StoredBook stored = find(id);
        return ResponseEntity.ok().eTag(stored.etag()).body(stored.book());
    }

    @PostMapping
    @Operation(summary = "Add a book", description = WRITE_RULE)
    @SecurityRequirement(name = OpenApiConfig.SCHEME, scopes = "books.write")
    @SecurityRequirement(name = OpenApiConfig.PASTED_TOKEN)
    ResponseEntity<Book> create(@Valid @RequestBody BookInput input) {
        Book created = books.insert(input.toBook(null));
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(created.id()).toUri();
        return ResponseEntity.created(location).eTag(new StoredBook(created, 0).etag()).body(created);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a book", description = WRITE_RULE + " If-Match (optional): the book's ETag, "
            + "412 when it changed meanwhile; without it the last writer wins.")
    @SecurityRequirement(name = OpenApiConfig.SCHEME, scopes = "books.write")
    @SecurityRequirement(name = OpenApiConfig.PASTED_TOKEN)
    ResponseEntity<Book> replace(@PathVariable long id, @RequestHeader HttpHeaders headers,
            @Valid @RequestBody BookInput input) {
        OptionalLong expected = IfMatch.expectedVersion(headers, find(id));
        Book book = input.toBook(id);
        long written;
        if (expected.isPresent()) {
            if (!books.update(book, expected.getAsLong())) {
                throw IfMatch.changedMeanwhile(id);
            }
            written = expected.getAsLong() + 1;
        } else {
            written = books.replace(book).orElseThrow(() -> new NotFoundException("book", id));
        }
        return ResponseEntity.ok().eTag(new StoredBook(book, written).etag()).body(book);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a book", description = WRITE_RULE + " If-Match is optional, as for PUT.")
    @SecurityRequirement(name = OpenApiConfig.SCHEME, scopes = "books.write")
    @SecurityRequirement(name = OpenApiConfig.PASTED_TOKEN)
    ResponseEntity<Void> delete(@PathVariable long id, @RequestHeader HttpHeaders headers) {
        OptionalLong expected = IfMatch.expectedVersion(headers, find(id));
        if (expected.isPresent() && !books.delete(id, expected.getAsLong())) {
            throw IfMatch.changedMeanwhile(id);
        }
        if (expected.isEmpty() && !books.delete(id)) {
            throw new NotFoundException("book", id);
        }
        return ResponseEntity.noContent().build();
    }

    private StoredBook find(long id) {
        return books.findById(id).orElseThrow(() -> new NotFoundException("book", id));
    }
}
