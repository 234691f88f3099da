package dev.tollgate.auth.login;

/**
 * Whether a user's sign-in takes a second factor after the password. Until that factor is proved, a right password
 * does not forget the account's failed guesses: otherwise whoever knows the password could guess codes without end,
 * signing in with the password again between guesses to reset the count.
 */
public interface SecondFactors {

    /** @param userId the user's id, the name of their sign-in */
    boolean requiredAfterPassword(String userId);
}
