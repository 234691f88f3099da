package dev.tollgate.auth.web;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A "try again later" answer written straight to the response, by filters that stop a request (too many requests,
 * the database out of reach): {@code Retry-After} always, never cached, and either RFC 6749's
 * {@code temporarily_unavailable} error for OAuth clients or a short page in the sign-in pages' style.
 */
public final class RetryLaterAnswer {

    private RetryLaterAnswer() {
    }

    /** {@code description} goes into a JSON string as is: callers pass fixed text without quotes or backslashes. */
    public static void oauthError(HttpServletResponse response, HttpStatus status, long retryAfterSeconds,
            String description) throws IOException {
        start(response, status, retryAfterSeconds, MediaType.APPLICATION_JSON_VALUE);
        response.getWriter().write("{\"error\":\"temporarily_unavailable\",\"error_description\":\"" + description
                + "\"}");
    }

    /** The texts are written as HTML as they are: callers pass fixed text. */
    public static void page(HttpServletResponse response, HttpStatus status, long retryAfterSeconds, String title,
            String heading, String text) throws IOException {
        page(response, status, retryAfterSeconds, Locale.ENGLISH, title, heading, text);
    }

    /** The same page in {@code language}; the texts are that language's fixed messages. */
    public static void page(HttpServletResponse response, HttpStatus status, long retryAfterSeconds, Locale language,
            String title, String heading, String text) throws IOException {
        start(response, status, retryAfterSeconds, MediaType.TEXT_HTML_VALUE);
        response.getWriter().write("<!DOCTYPE html><html lang=\"" + language.getLanguage() + "\"><head><meta charset=\"utf-8\"><title>" + title
                + " · Tollgate</title><link rel=\"stylesheet\" href=\"/css/tollgate.css\"></head><body><main "
                + "class=\"card\"><h1>" + heading + "</h1><p>" + text + "</p></main></body></html>");
    }

    private static void start(HttpServletResponse response, HttpStatus status, long retryAfterSeconds,
            String contentType) {
        response.setStatus(status.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        response.setContentType(contentType);
        response.setCharacterEncoding("UTF-8");
    }
}
