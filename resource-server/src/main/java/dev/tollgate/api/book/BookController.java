package dev.tollgate.api.book;

import java.net.URI;

import jakarta.validation.Valid;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.tollgate.api.paging.PageQuery;
import dev.tollgate.api.paging.PageResponse;
import dev.tollgate.api.problem.NotFoundException;

@RestController
@RequestMapping("/api/books")
class BookController {

    private final BookRepository books;

    BookController(BookRepository books) {
        this.books = books;
    }

    @GetMapping
    PageResponse<Book> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + PageQuery.DEFAULT_SIZE) int size,
            @RequestParam(required = false) String sort) {
        PageQuery query = PageQuery.of(page, size, sort, BookRepository.SORTABLE_COLUMNS, "id");
        return query.toResponse(books.findPage(query), books.count());
    }

    @GetMapping("/{id}")
    Book get(@PathVariable long id) {
        return books.findById(id).orElseThrow(() -> new NotFoundException("book", id));
    }

    @PostMapping
    ResponseEntity<Book> create(@Valid @RequestBody BookInput input) {
        Book created = books.insert(input.toBook(null));
        URI location = ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").buildAndExpand(created.id()).toUri();
        return ResponseEntity.created(location).body(created);
    }

    @PutMapping("/{id}")
    Book replace(@PathVariable long id, @Valid @RequestBody BookInput input) {
        Book book = input.toBook(id);
        if (!books.update(book)) {
            throw new NotFoundException("book", id);
        }
        return book;
    }

    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable long id) {
        if (!books.delete(id)) {
            throw new NotFoundException("book", id);
        }
        return ResponseEntity.noContent().build();
    }
}
