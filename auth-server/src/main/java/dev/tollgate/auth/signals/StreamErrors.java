package dev.tollgate.auth.signals;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The error bodies of the stream and poll endpoints: {@code {"error", "error_description"}}. */
@RestControllerAdvice(basePackageClasses = StreamErrors.class)
class StreamErrors {

    @ExceptionHandler
    ResponseEntity<Map<String, String>> refused(StreamRequestRefused refused) {
        return ResponseEntity.status(refused.status()).body(body(refused.error(), refused.getMessage()));
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
            HttpMediaTypeNotSupportedException.class})
    ResponseEntity<Map<String, String>> unreadable(Exception unreadable) {
        String description = unreadable instanceof MissingServletRequestParameterException missing
                ? "Missing parameter " + missing.getParameterName() : "The request body must be a JSON object";
        return ResponseEntity.badRequest().body(body("invalid_request", description));
    }

    @ExceptionHandler
    ResponseEntity<Map<String, String>> wrongMethod(HttpRequestMethodNotSupportedException wrong) {
        return ResponseEntity.status(405).body(body("invalid_request", wrong.getMessage()));
    }

    private static Map<String, String> body(String error, String description) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        return body;
    }
}
