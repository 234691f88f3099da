package dev.tollgate.demo.books;

import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** {@code /books}: the catalogue from the books API, and for admins a form to add a book to it. */
@Controller
@RequestMapping("/books")
class BooksController {

    private static final String VIEW = "books";

    private static final int DEFAULT_PAGE_SIZE = 20;

    private static final int MAX_PAGE_SIZE = 100;

    private final BooksApi booksApi;

    BooksController(BooksApi booksApi) {
        this.booksApi = booksApi;
    }

    @GetMapping
    String books(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size, Model model) {
        model.addAttribute("books", booksApi.page(Math.max(page, 0), Math.min(Math.max(size, 1), MAX_PAGE_SIZE)));
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", BookForm.empty());
        }
        return VIEW;
    }

    @PostMapping
    String add(@ModelAttribute("form") BookForm form, Model model, RedirectAttributes redirect) {
        if (!form.hasNumericYear()) {
            return refused(model, "The book was not added.", List.of("Published year: must be a whole number, like 1999."));
        }
        try {
            booksApi.add(form);
        }
        catch (BookRejectedException rejected) {
            return refused(model, "The book was not added. " + rejected.problem().detail(), rejected.problem().errors());
        }
        catch (HttpClientErrorException.Forbidden forbidden) {
            return refused(model, "You are not allowed to add books.", List.of());
        }
        redirect.addFlashAttribute("added", form.title());
        return "redirect:/books";
    }

    /** The form comes back as typed, with the reasons, above the first page of books. */
    private String refused(Model model, String message, List<String> reasons) {
        model.addAttribute("formMessage", message.strip());
        model.addAttribute("formReasons", reasons);
        return books(0, DEFAULT_PAGE_SIZE, model);
    }
}
