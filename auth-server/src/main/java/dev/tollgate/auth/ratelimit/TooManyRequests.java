package dev.tollgate.auth.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;

import dev.tollgate.auth.web.RetryLaterAnswer;

/** The 429 answer: {@code Retry-After} always, an OAuth error body on protocol endpoints, a short page on a form. */
final class TooManyRequests {

    private TooManyRequests() {
    }

    static void oauthError(HttpServletResponse response, Duration retryAfter) throws IOException {
        long seconds = seconds(retryAfter);
        RetryLaterAnswer.oauthError(response, HttpStatus.TOO_MANY_REQUESTS, seconds,
                "Too many requests. Retry after " + seconds + " seconds.");
    }

    /**
     * @param heading the key of what was tried too often ({@code too-many.*} in {@code messages/pages})
     * @param locale the language of the page the form was on
     */
    static void page(HttpServletResponse response, Duration retryAfter, String heading, MessageSource messages,
            Locale locale) throws IOException {
        long seconds = seconds(retryAfter);
        RetryLaterAnswer.page(response, HttpStatus.TOO_MANY_REQUESTS, seconds, locale,
                messages.getMessage("too-many.title", null, locale), messages.getMessage(heading, null, locale),
                messages.getMessage("too-many.wait", new Object[] {seconds}, locale));
    }

    private static long seconds(Duration retryAfter) {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
