package dev.tollgate.auth.user;

/** The roles a user can hold (USER, ADMIN; see the README's demo data). */
public final class Roles {

    public static final String USER = "USER";
    public static final String ADMIN = "ADMIN";

    private Roles() {
    }
}
