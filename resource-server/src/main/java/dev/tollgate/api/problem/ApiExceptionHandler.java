package dev.tollgate.api.problem;

import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.databind.DatabindException;

/**
 * Answers every error raised inside Spring MVC as {@code application/problem+json} with a stable type.
 * Access-denied exceptions are deliberately not handled here: they travel on to the security filters,
 * which know whether a scope or a role was missing.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException exception) {
        return ProblemType.NOT_FOUND.problem(exception.getMessage());
    }

    @ExceptionHandler(ProblemException.class)
    ProblemDetail problem(ProblemException exception) {
        return exception.type().problem(exception.getMessage());
    }

    @ExceptionHandler(InvalidFieldsException.class)
    ProblemDetail invalidFields(InvalidFieldsException exception) {
        return invalidFieldsProblem(exception.errors());
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ProblemDetail duplicate(DuplicateKeyException exception) {
        ProblemDetail problem = ProblemType.DUPLICATE_ISBN.problem("Another book already has this ISBN");
        problem.setProperty("errors", List.of(new FieldError("isbn", "already used by another book")));
        return problem;
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnreachable(RuntimeException exception, HttpServletRequest request) {
        return DatabaseOutage.answer(request.getRequestURI());
    }

    @ExceptionHandler(TransactionSystemException.class)
    ResponseEntity<ProblemDetail> transactionFailed(TransactionSystemException exception, HttpServletRequest request) {
        if (DatabaseOutage.causedBy(exception)) {
            return DatabaseOutage.answer(request.getRequestURI());
        }
        throw exception; // a bug, not an outage: the error controller answers 500
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldError> errors = exception.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .sorted(Comparator.comparing(FieldError::field))
                .toList();
        return handleExceptionInternal(exception, invalidFieldsProblem(errors), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException exception, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String name = exception instanceof MethodArgumentTypeMismatchException mismatch
                ? mismatch.getName() : exception.getPropertyName();
        ProblemDetail problem = invalidFieldsProblem(List.of(new FieldError(name, "has an invalid value")));
        return handleExceptionInternal(exception, problem, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException exception,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Jackson wraps the limit's exception, thrown while it was reading the body
        if (Problems.causedBy(exception, RequestBodyTooLargeException.class)) {
            ProblemDetail problem = ProblemType.PAYLOAD_TOO_LARGE.problem(exception.getMostSpecificCause().getMessage());
            return handleExceptionInternal(exception, problem, headers, HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        ProblemDetail problem = ProblemType.MALFORMED_REQUEST.problem("The request body is not valid JSON for this resource");
        if (exception.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().get(0).getPropertyName();
            if (field != null) {
                problem.setProperty("errors", List.of(new FieldError(field, "has the wrong type or format")));
            }
        }
        return handleExceptionInternal(exception, problem, headers, status, request);
    }

    /** Every problem leaving MVC, ours or the framework's, passes here on its way out. */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem) {
            ProblemType.classify(problem);
            if (problem.getInstance() == null && request instanceof ServletWebRequest servlet) {
                problem.setInstance(Problems.instanceOf(servlet.getRequest().getRequestURI()));
            }
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ProblemDetail invalidFieldsProblem(List<FieldError> errors) {
        String fields = String.join(", ", errors.stream().map(FieldError::field).distinct().toList());
        ProblemDetail problem = ProblemType.INVALID_FIELDS.problem("Invalid value for: " + fields);
        problem.setProperty("errors", errors);
        return problem;
    }
}
