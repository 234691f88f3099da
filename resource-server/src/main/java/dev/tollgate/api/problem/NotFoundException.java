package dev.tollgate.api.problem;

/** Thrown when an id names nothing; answered as 404. */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what, Object id) {
        super("No " + what + " with id " + id);
    }
}
