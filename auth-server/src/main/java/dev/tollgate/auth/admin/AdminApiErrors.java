package dev.tollgate.auth.admin;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;

/**
 * Bad input to an admin API controller (this package and below) answered as an RFC 9457 problem whose
 * {@code detail} says what to fix: unreadable JSON (and where), a parameter or field of the wrong type, failed
 * validation (every field, with its rule), and {@link AdminApiException}. Errors found before a controller is chosen
 * are {@link FrameworkErrorsAsBodies}'s.
 */
@RestControllerAdvice(basePackageClasses = AdminApiErrors.class)
public class AdminApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(AdminApiException.class)
    ProblemDetail refused(AdminApiException refusal) {
        return ProblemDetail.forStatusAndDetail(refusal.status(), refusal.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(), "message", messageOf(error)))
                .toList();
        List<String> global = invalid.getBindingResult().getGlobalErrors().stream()
                .map(AdminApiErrors::messageOf).toList();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid input: "
                + errors.stream().map(error -> error.get("field") + " " + error.get("message"))
                        .collect(Collectors.joining("; "))
                + (global.isEmpty() ? "" : (errors.isEmpty() ? "" : "; ") + String.join("; ", global)));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(invalid, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException invalid,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = invalid.getParameterValidationResults().stream()
                .map(result -> nameOf(result.getMethodParameter().getParameterName()) + " "
                        + result.getResolvableErrors().stream().map(AdminApiErrors::messageOf)
                                .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid input: " + detail);
        return handleExceptionInternal(invalid, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException mismatch, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = mismatch instanceof MethodArgumentTypeMismatchException argument
                ? argument.getName() : mismatch.getPropertyName();
        Class<?> expected = mismatch.getRequiredType();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, nameOf(name)
                + " must be " + (expected == null ? "of another type" : describe(expected))
                + ", not '" + mismatch.getValue() + "'");
        return handleExceptionInternal(mismatch, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detailOf(unreadable));
        return handleExceptionInternal(unreadable, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String detailOf(HttpMessageNotReadableException unreadable) {
        if (!(unreadable.getCause() instanceof JacksonException json)) {
            return "The request needs a JSON body";
        }
        if (json instanceof StreamReadException) {
            return "The request body is not valid JSON" + at(json.getLocation());
        }
        String field = json.getPathReference() == null || json.getPath().isEmpty() ? null : pathOf(json);
        return field == null ? "The request body does not fit this resource" + at(json.getLocation())
                : "Field '" + field + "' has the wrong type or format";
    }

    private static String pathOf(JacksonException json) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : json.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String at(TokenStreamLocation location) {
        return location == null || location.getLineNr() < 1 ? ""
                : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String describe(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == Instant.class) {
            return "an ISO-8601 instant such as 2026-01-31T12:00:00Z";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return "a " + type.getSimpleName();
    }

    private static String nameOf(String name) {
        return name == null ? "A parameter" : "'" + name + "'";
    }

    private static String messageOf(MessageSourceResolvable error) {
        if (error instanceof FieldError field && field.getDefaultMessage() == null) {
            return "is invalid";
        }
        return error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage();
    }
}
