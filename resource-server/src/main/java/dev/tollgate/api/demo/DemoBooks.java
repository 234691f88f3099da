package dev.tollgate.api.demo;

import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import dev.tollgate.api.book.Book;
import dev.tollgate.api.book.BookRepository;

/** Real books for the local demo. Keyed by ISBN, so a restart never adds them twice. */
@Component
@Profile("demo")
class DemoBooks implements ApplicationRunner {

    static final List<Book> BOOKS = List.of(
            new Book(null, "The Pragmatic Programmer", "Andrew Hunt, David Thomas", "9780201616224", 1999),
            new Book(null, "Structure and Interpretation of Computer Programs", "Harold Abelson, Gerald Jay Sussman",
                    "9780262510875", 1996),
            new Book(null, "Design Patterns", "Erich Gamma, Richard Helm, Ralph Johnson, John Vlissides",
                    "9780201633610", 1994),
            new Book(null, "Refactoring", "Martin Fowler", "9780201485677", 1999),
            new Book(null, "Clean Code", "Robert C. Martin", "9780132350884", 2008),
            new Book(null, "Effective Java", "Joshua Bloch", "9780134685991", 2018),
            new Book(null, "Domain-Driven Design", "Eric Evans", "9780321125217", 2003));

    private final BookRepository books;

    DemoBooks(BookRepository books) {
        this.books = books;
    }

    @Override
    public void run(ApplicationArguments args) {
        BOOKS.stream().filter(book -> !books.existsByIsbn(book.isbn())).forEach(books::insert);
    }
}
