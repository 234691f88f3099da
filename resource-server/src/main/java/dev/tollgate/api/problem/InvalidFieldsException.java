package dev.tollgate.api.problem;

import java.util.List;

/** Input that is well-formed but not acceptable, reported as 400 naming each bad field. */
public class InvalidFieldsException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidFieldsException(String field, String message) {
        super(field + ": " + message);
        this.errors = List.of(new FieldError(field, message));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
