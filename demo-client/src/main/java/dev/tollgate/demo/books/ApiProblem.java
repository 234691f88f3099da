package dev.tollgate.demo.books;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;

/**
 * A refusal from the books API ({@code application/problem+json}, RFC 9457) turned into sentences for the
 * person at the form: the {@code detail}, then one line per bad field found in {@code errors}, whether the
 * API lists them as objects ({@code field}/{@code pointer} with {@code message}/{@code detail}), as
 * strings, or as a map from field to message.
 */
record ApiProblem(String detail, List<String> errors) {

    private static final Map<String, String> FIELD_LABELS = Map.of(
            "title", "Title", "author", "Author", "isbn", "ISBN", "publishedYear", "Published year");

    static ApiProblem from(JsonNode body) {
        if (body == null) {
            return new ApiProblem("", List.of());
        }
        return new ApiProblem(body.path("detail").asString(""), errors(body.path("errors")));
    }

    private static List<String> errors(JsonNode errors) {
        if (errors.isArray()) {
            return errors.valueStream().map(ApiProblem::error).filter(error -> !error.isBlank()).toList();
        }
        if (errors.isObject()) {
            return errors.propertyStream().map(entry -> sentence(entry.getKey(), text(entry.getValue()))).toList();
        }
        return List.of();
    }

    private static String error(JsonNode error) {
        if (!error.isObject()) {
            return error.asString("");
        }
        String field = error.path("field").asString(error.path("pointer").asString("").replaceFirst("^#?/", ""));
        String message = error.path("message").asString(error.path("detail").asString(""));
        return sentence(field, message);
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            return String.join(", ", value.valueStream().map(item -> item.asString("")).toList());
        }
        return value.asString("");
    }

    private static String sentence(String field, String message) {
        return Stream.of(FIELD_LABELS.getOrDefault(field, field), message)
                .filter(part -> !part.isBlank())
                .reduce((label, text) -> label + ": " + text)
                .orElse("");
    }
}
