package dev.tollgate.api.problem;

/** One bad input field (or query parameter) and what is wrong with it, listed in a problem's {@code errors}. */
public record FieldError(String field, String message) {
}
