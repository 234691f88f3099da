package dev.tollgate.auth.account;

import java.security.Principal;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/** The user whose account page this is: the signed-in user, whose principal name is their id. */
@Component
public class AccountOwners {

    private final UserRepository users;

    AccountOwners(UserRepository users) {
        this.users = users;
    }

    public TollgateUser of(Principal principal) {
        return users.findById(UUID.fromString(principal.getName())).orElseThrow();
    }
}
