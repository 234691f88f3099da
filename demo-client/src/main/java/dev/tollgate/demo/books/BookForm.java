package dev.tollgate.demo.books;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an admin typed into the "Add a book" form, kept as typed so that a refused form comes back filled in.
 * The books API is the judge of what a valid book is; this form only makes sure the year is a number.
 */
public record BookForm(String title, String author, String isbn, String publishedYear) {

    public static BookForm empty() {
        return new BookForm("", "", "", "");
    }

    boolean hasNumericYear() {
        return publishedYear == null || publishedYear.isBlank() || publishedYear.strip().matches("-?\\d{1,9}");
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("title", title);
        json.put("author", author);
        json.put("isbn", isbn);
        json.put("publishedYear", publishedYear == null || publishedYear.isBlank()
                ? null : Integer.valueOf(publishedYear.strip()));
        return json;
    }
}
