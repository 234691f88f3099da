package dev.tollgate.auth.scim.users;

/**
 * What a create, replace or patch asks a user to become. {@code active} null leaves the user as they are (a new user
 * is active); {@code password} null leaves the password unchanged and is never read back.
 */
record UserChange(
        String userName,
        String externalId,
        String givenName,
        String familyName,
        String displayName,
        String email,
        Boolean active,
        String password) {

    @Override
    public String toString() {
        return "UserChange[userName=" + userName + ", password=" + (password == null ? "unchanged" : "[new]") + "]";
    }
}
