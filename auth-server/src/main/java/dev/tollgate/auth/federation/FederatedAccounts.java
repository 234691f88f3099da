package dev.tollgate.auth.federation;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.auth.user.Roles;
import dev.tollgate.auth.user.TollgateUser;
import dev.tollgate.auth.user.UserRepository;

/**
 * The account rules of social login. An upstream identity is found by its link (provider, subject), never by email
 * alone. A first sign-in creates a local USER linked to it, unless the upstream's verified email belongs to a local
 * account: then the person has to prove that account's password before the link is made. Each method is one
 * transaction, so a failed first sign-in leaves no user behind.
 */
@Service
public class FederatedAccounts {

    private static final int MAX_USERNAME_LENGTH = 40;

    private final UserRepository users;

    private final FederatedIdentities identities;

    public FederatedAccounts(UserRepository users, FederatedIdentities identities) {
        this.users = users;
        this.identities = identities;
    }

    /**
     * The local user the upstream identity signs in as.
     *
     * @throws AccountLinkRequired when its verified email belongs to a local account it is not linked to yet
     * @throws UpstreamSignInRefused when the provider requires a verified email and has none, or the user is disabled
     */
    @Transactional
    public TollgateUser signIn(UpstreamProvider provider, UpstreamIdentity identity) {
        if (provider.requireVerifiedEmail() && !identity.hasVerifiedEmail()) {
            throw new UpstreamSignInRefused(SignInProblem.EMAIL_NOT_VERIFIED);
        }
        Optional<UUID> linked = identities.userIdOf(identity.providerId(), identity.subject());
        if (linked.isPresent()) {
            return enabled(users.findById(linked.get()));
        }
        if (identity.hasVerifiedEmail()) {
            users.findByVerifiedEmail(identity.email()).ifPresent(owner -> {
                throw new AccountLinkRequired(new PendingLink(identity, provider.name(), owner.id(), 0));
            });
        }
        TollgateUser created = users.insert(new TollgateUser(UUID.randomUUID(), freeUsername(identity), null,
                identity.email(), identity.hasVerifiedEmail(), identity.displayName(), true,
                new TreeSet<>(Set.of(Roles.USER))));
        identities.link(created.id(), identity);
        return created;
    }

    /** Links the pending identity to its local account, once the person has proved that account. */
    @Transactional
    public TollgateUser link(PendingLink pending) {
        TollgateUser owner = enabled(users.findById(pending.userId()));
        identities.link(owner.id(), pending.identity());
        return owner;
    }

    private static TollgateUser enabled(Optional<TollgateUser> user) {
        return user.filter(TollgateUser::enabled)
                .orElseThrow(() -> new UpstreamSignInRefused(SignInProblem.ACCOUNT_DISABLED));
    }

    /** The upstream handle (or the email's local part) made safe and unique: carol, carol-2, ... */
    private String freeUsername(UpstreamIdentity identity) {
        String base = Stream.of(identity.username(), localPart(identity.email()))
                .filter(Objects::nonNull)
                .map(FederatedAccounts::slug)
                .filter(slug -> !slug.isEmpty())
                .findFirst()
                .orElse("user");
        String candidate = base;
        for (int n = 2; users.usernameTaken(candidate); n++) {
            candidate = base + "-" + n;
        }
        return candidate;
    }

    private static String localPart(String email) {
        return email == null || email.indexOf('@') < 0 ? email : email.substring(0, email.indexOf('@'));
    }

    private static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "");
        return slug.length() > MAX_USERNAME_LENGTH ? slug.substring(0, MAX_USERNAME_LENGTH) : slug;
    }
}
