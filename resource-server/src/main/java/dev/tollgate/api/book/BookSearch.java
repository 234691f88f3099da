package dev.tollgate.api.book;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.tollgate.api.problem.InvalidFieldsException;

/**
 * What {@code GET /api/books} filters on, each a case-insensitive substring: {@code q} in the title or the
 * author, {@code title} in the title, {@code author} in the author. Given together, all must match.
 */
record BookSearch(String q, String title, String author) {

    static final int MAX_LENGTH = 200;

    BookSearch {
        q = checked("q", q);
        title = checked("title", title);
        author = checked("author", author);
    }

    /** An SQL condition over known columns only; the terms travel as parameters. */
    String where() {
        List<String> conditions = new ArrayList<>();
        if (q != null) {
            conditions.add("(lower(title) like :q escape '\\' or lower(author) like :q escape '\\')");
        }
        if (title != null) {
            conditions.add("lower(title) like :title escape '\\'");
        }
        if (author != null) {
            conditions.add("lower(author) like :author escape '\\'");
        }
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    Map<String, Object> parameters() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        if (q != null) {
            parameters.put("q", containing(q));
        }
        if (title != null) {
            parameters.put("title", containing(title));
        }
        if (author != null) {
            parameters.put("author", containing(author));
        }
        return parameters;
    }

    private static String containing(String term) {
        String literal = term.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + literal + "%";
    }

    private static String checked(String parameter, String term) {
        if (term == null || term.isBlank()) {
            return null;
        }
        if (term.length() > MAX_LENGTH) {
            throw new InvalidFieldsException(parameter, "must be at most " + MAX_LENGTH + " characters");
        }
        return term.strip();
    }
}
