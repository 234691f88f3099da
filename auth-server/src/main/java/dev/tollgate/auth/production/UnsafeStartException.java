package dev.tollgate.auth.production;

/** Tollgate refuses to start: the message says what is unsafe, the action how to fix it. */
public class UnsafeStartException extends IllegalStateException {

    private final String action;

    public UnsafeStartException(String problem, String action) {
        super("Tollgate refuses to start: " + problem);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
