package dev.tollgate.auth.scim;

import java.util.stream.Collectors;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ErrorResponse;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure of a SCIM endpoint as a SCIM error (RFC 7644 section 3.12): {@code application/scim+json} with the
 * error schema, the HTTP status and, for a bad request, its {@code scimType}.
 */
@RestControllerAdvice(basePackageClasses = ScimErrorAnswers.class)
class ScimErrorAnswers {

    @ExceptionHandler(ScimException.class)
    ResponseEntity<String> scimError(ScimException failure) {
        return ScimResponses.error(failure.getScimError());
    }

    /** A username taken by a request that won the race between our check and the insert. */
    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<String> taken(DuplicateKeyException failure) {
        return scimError(ResourceConflictException.uniqueness("The userName is already taken."));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<String> unreadable(HttpMessageNotReadableException failure) {
        return scimError(BadRequestException.invalidSyntax("The request has no readable body."));
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<String> unsupportedMediaType(HttpMediaTypeNotSupportedException failure) {
        ErrorResponse error = new ErrorResponse(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
        error.setDetail("Send application/scim+json or application/json.");
        return ScimResponses.error(error);
    }

    /** A query parameter of the wrong type, such as {@code startIndex=x}. */
    @ExceptionHandler(BindException.class)
    ResponseEntity<String> badParameters(BindException failure) {
        String fields = failure.getFieldErrors().stream()
                .map(error -> error.getField() + "=" + error.getRejectedValue())
                .collect(Collectors.joining(", "));
        return scimError(BadRequestException.invalidValue("Unusable query parameters: " + fields + "."));
    }
}
