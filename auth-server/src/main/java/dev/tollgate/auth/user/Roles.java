package dev.tollgate.auth.user;

/** The roles a user can hold (CONTRACT: USER, ADMIN). */
public final class Roles {

    public static final String USER = "USER";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
