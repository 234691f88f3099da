package dev.tollgate.auth.passkey;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import dev.tollgate.auth.account.AccountController;
import dev.tollgate.auth.account.AccountOwners;
import dev.tollgate.auth.account.changes.AccountChange;
import dev.tollgate.auth.account.changes.AccountChanged;
import dev.tollgate.auth.account.changes.AccountChanges;
import dev.tollgate.auth.audit.AuditLog;
import dev.tollgate.auth.audit.SecurityEvent;
import dev.tollgate.auth.audit.SecurityEventType;

/**
 * The passkeys section of the account page. Registering one takes the page's script (WebAuthn is a browser API):
 * {@value #OPTIONS} gives the creation options (a challenge, the user's handle, the passkeys to exclude), the browser
 * creates the passkey, {@value #REGISTER} checks and stores it under the name the user gave. Renaming and removing
 * are plain forms.
 */
@Controller
class PasskeyController {

    static final String PATH = AccountController.PATH + "/passkeys";

    static final String OPTIONS = PATH + "/options";

    static final String REGISTER = PATH + "/register";

    static final String RENAME = PATH + "/rename";

    static final String REMOVE = PATH + "/remove";

    /** Flash attribute: what just happened, a key of {@code messages/passkeys} under {@code passkeys.notice.}. */
    static final String NOTICE = "passkeyNotice";

    /** Flash attribute: what went wrong, a key of {@code messages/passkeys} under {@code passkeys.error.}. */
    static final String ERROR = "passkeyError";

    private static final JsonMapper JSON = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

    private final WebAuthnRelyingPartyOperations relyingParty;

    private final Passkeys passkeys;

    private final AuditLog audit;

    private final AccountOwners owners;

    private final AccountChanges changes;

    private final PublicKeyCredentialCreationOptionsRepository creationOptions = new SessionCreationOptions();

    private final UsedChallenges usedChallenges;

    PasskeyController(WebAuthnRelyingPartyOperations relyingParty, Passkeys passkeys, AuditLog audit,
            AccountOwners owners, AccountChanges changes, UsedChallenges usedChallenges) {
        this.usedChallenges = usedChallenges;
        this.relyingParty = relyingParty;
        this.passkeys = passkeys;
        this.audit = audit;
        this.owners = owners;
        this.changes = changes;
    }

    @PostMapping(path = OPTIONS, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> options(Authentication signedIn, HttpServletRequest request, HttpServletResponse response) {
        PublicKeyCredentialCreationOptions options = relyingParty.createPublicKeyCredentialCreationOptions(
                new ImmutablePublicKeyCredentialCreationOptionsRequest(signedIn));
        creationOptions.save(request, response, options);
        return ResponseEntity.ok(JSON.writeValueAsString(options));
    }

    /**
     * @param body {@code {"publicKey": {"credential": <the PublicKeyCredential>, "label": <its name>}}}
     */
    @PostMapping(path = REGISTER, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> register(@RequestBody String body, Authentication signedIn, HttpServletRequest request,
            HttpServletResponse response, Locale locale) {
        Registration registration;
        try {
            registration = JSON.readValue(body, Registration.class);
        }
        catch (JacksonException unreadable) {
            return refused("not_accepted");
        }
        if (registration == null || registration.publicKey() == null
                || registration.publicKey().getCredential() == null) {
            return refused("not_accepted");
        }
        String name = Passkeys.acceptableName(registration.publicKey().getLabel());
        if (name == null) {
            return refused("name");
        }
        PublicKeyCredentialCreationOptions options = creationOptions.load(request);
        if (options == null) {
            return refused("expired");
        }
        creationOptions.save(request, response, null);
        if (!usedChallenges.use(options.getChallenge())) {
            return refused("expired");
        }
        CredentialRecord registered;
        try {
            registered = relyingParty.registerCredential(new ImmutableRelyingPartyRegistrationRequest(options,
                    new RelyingPartyPublicKey(registration.publicKey().getCredential(), name)));
        }
        catch (RuntimeException notAccepted) {
            return refused("not_accepted");
        }
        audit.record(SecurityEvent.of(SecurityEventType.PASSKEY_REGISTERED)
                .with(SecurityEvent.USER, signedIn.getName())
                .with(SecurityEvent.ADDRESS, request.getRemoteAddr())
                .with("credential", registered.getCredentialId().toBase64UrlString()));
        changes.made(owners.of(signedIn), AccountChange.PASSKEY_ADDED, request.getRemoteAddr(), locale,
                Map.of(AccountChanged.PASSKEY_NAME, name));
        RequestContextUtils.getOutputFlashMap(request).put(NOTICE, "registered");
        RequestContextUtils.saveOutputFlashMap(AccountController.PATH, request, response);
        return ResponseEntity.ok(JSON.writeValueAsString(Map.of("success", true)));
    }

    @PostMapping(RENAME)
    String rename(Authentication signedIn, @RequestParam(name = "credential", defaultValue = "") String credential,
            @RequestParam(name = "name", defaultValue = "") String name, RedirectAttributes flash) {
        String acceptable = Passkeys.acceptableName(name);
        if (acceptable == null) {
            flash.addFlashAttribute(ERROR, "name");
        }
        else if (!passkeys.rename(userIdOf(signedIn), credential, acceptable)) {
            flash.addFlashAttribute(ERROR, "unknown");
        }
        else {
            flash.addFlashAttribute(NOTICE, "renamed");
        }
        return "redirect:" + AccountController.PATH;
    }

    @PostMapping(REMOVE)
    String remove(Authentication signedIn, @RequestParam(name = "credential", defaultValue = "") String credential,
            HttpServletRequest request, Locale locale, RedirectAttributes flash) {
        Optional<String> removed = passkeys.remove(userIdOf(signedIn), credential);
        if (removed.isEmpty()) {
            flash.addFlashAttribute(ERROR, "unknown");
            return "redirect:" + AccountController.PATH;
        }
        audit.record(SecurityEvent.of(SecurityEventType.PASSKEY_REMOVED)
                .with(SecurityEvent.USER, signedIn.getName())
                .with(SecurityEvent.ADDRESS, request.getRemoteAddr())
                .with("credential", credential));
        changes.made(owners.of(signedIn), AccountChange.PASSKEY_REMOVED, request.getRemoteAddr(), locale,
                Map.of(AccountChanged.PASSKEY_NAME, removed.get()));
        flash.addFlashAttribute(NOTICE, "removed");
        return "redirect:" + AccountController.PATH;
    }

    private static UUID userIdOf(Authentication signedIn) {
        return UUID.fromString(signedIn.getName());
    }

    private static ResponseEntity<String> refused(String error) {
        return ResponseEntity.status(HttpStatus.BAD_REQUEST).contentType(MediaType.APPLICATION_JSON)
                .body(JSON.writeValueAsString(Map.of("error", error)));
    }

    /** What the account page's script posts: the new passkey and its name. */
    record Registration(RelyingPartyPublicKey publicKey) {
    }
}
