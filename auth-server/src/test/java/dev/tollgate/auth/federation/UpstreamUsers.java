package dev.tollgate.auth.federation;

import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.tollgate.auth.support.DemoUpstream;
import dev.tollgate.auth.user.Roles;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/** People at the demo upstream, added per test so that every test signs in with someone new to Tollgate. */
final class UpstreamUsers {

    private UpstreamUsers() {
    }

    /** Adds a user at the upstream; the password is the username followed by {@code -password}. */
    static TollgateUser add(String username, String email, boolean emailVerified) {
        String hash = DemoUpstream.bean(PasswordEncoder.class).encode(username + "-password");
        return DemoUpstream.bean(UserRepository.class).upsertByUsername(new TollgateUser(UUID.randomUUID(), username,
                hash, email, emailVerified, username + " Upstream", true, new TreeSet<>(List.of(Roles.USER))));
    }

    static UUID idOf(String username) {
        return DemoUpstream.bean(UserRepository.class).findByUsername(username).orElseThrow().id();
    }
}
