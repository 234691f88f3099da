package dev.tollgate.auth.scim;

import com.unboundid.scim2.common.exceptions.BadRequestException;

import dev.tollgate.auth.useradmin.AdminGuard.RefusedChange;

/**
 * The rules of user administration ({@code useradmin.AdminGuard}) as SCIM answers them: a refused change is a 400 with
 * {@code scimType} {@code mutability} (RFC 7644 section 3.12: the change does not fit the resource's current state).
 */
public final class Refusals {

    private Refusals() {
    }

    public static void asMutability(Runnable rule) throws BadRequestException {
        try {
            rule.run();
        }
        catch (RefusedChange refused) {
            throw BadRequestException.mutability(refused.getMessage());
        }
    }
}
