package dev.tollgate.auth.admin.clients;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientMetadataClaimNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.auth.admin.AdminApiException;
import dev.tollgate.auth.admin.AdminPage;
import dev.tollgate.auth.admin.AdminPaths;
import dev.tollgate.auth.registration.ClientMetadataReader;
import dev.tollgate.auth.registration.RegisteredClients;
import dev.tollgate.auth.registration.RegisteredClients.BuiltInClient;
import dev.tollgate.auth.registration.RegisteredClients.Change;
import dev.tollgate.auth.registration.RegisteredClients.Changer;
import dev.tollgate.auth.registration.RegisteredClients.ClientChangedConcurrently;
import dev.tollgate.auth.registration.RegisteredClients.ClientHasNoSecret;

/**
 * {@code /admin/api/clients}: registered clients as RFC 7591 client metadata, managed by a holder of
 * {@code tollgate.admin} under the rules of dynamic registration (README "Managing clients"). A generated secret is
 * answered once, when the client is made or its secret rotated, and never by a read. Metadata that breaks a rule is
 * a {@code 400} problem whose {@code detail} names the field and whose {@code error} is the RFC 7591 code
 * ({@code invalid_redirect_uri} or {@code invalid_client_metadata}).
 */
@RestController
@RequestMapping(AdminClientsController.CLIENTS)
class AdminClientsController {

    static final String CLIENTS = AdminPaths.ADMIN_API + "/clients";

    private static final int DEFAULT_SIZE = 20;

    private static final int MAX_SIZE = 100;

    private final RegisteredClients clients;

    AdminClientsController(RegisteredClients clients) {
        this.clients = clients;
    }

    @GetMapping
    AdminPage<Map<String, Object>> list(@RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "" + DEFAULT_SIZE) int size) {
        if (page < 0) {
            throw AdminApiException.badRequest("page must be 0 or more");
        }
        if (size < 1) {
            throw AdminApiException.badRequest("size must be 1 or more");
        }
        int capped = Math.min(size, MAX_SIZE);
        return AdminPage.of(clients.page(page, capped).stream().map(clients::metadataOf).toList(), page, capped,
                clients.count());
    }

    @PostMapping
    ResponseEntity<Map<String, Object>> create(HttpServletRequest request, Authentication admin) {
        Change created = clients.create(ClientMetadataReader.read(new ServletServerHttpRequest(request)),
                admin.getName());
        return ResponseEntity.created(URI.create(CLIENTS + "/" + created.client().getClientId()))
                .body(answer(created));
    }

    @GetMapping("/{clientId}")
    Map<String, Object> read(@PathVariable String clientId) {
        return clients.metadataOf(existing(clientId));
    }

    @PutMapping("/{clientId}")
    Map<String, Object> replace(@PathVariable String clientId, HttpServletRequest request, Authentication admin) {
        return answer(clients.replace(clientId, ClientMetadataReader.read(new ServletServerHttpRequest(request)),
                Changer.ADMINISTRATOR, admin.getName()).orElseThrow(() -> unknown(clientId)));
    }

    @DeleteMapping("/{clientId}")
    ResponseEntity<Void> delete(@PathVariable String clientId, Authentication admin) {
        if (!clients.remove(clientId, admin.getName())) {
            throw unknown(clientId);
        }
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{clientId}/secret")
    Map<String, Object> rotateSecret(@PathVariable String clientId, Authentication admin) {
        String secret = clients.rotateSecret(clientId, admin.getName()).orElseThrow(() -> unknown(clientId));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(OAuth2ClientMetadataClaimNames.CLIENT_ID, clientId);
        answer.put(OAuth2ClientMetadataClaimNames.CLIENT_SECRET, secret);
        answer.put(OAuth2ClientMetadataClaimNames.CLIENT_SECRET_EXPIRES_AT, 0);
        return answer;
    }

    @ExceptionHandler(OAuth2AuthenticationException.class)
    ProblemDetail badMetadata(OAuth2AuthenticationException refused) {
        OAuth2Error error = refused.getError();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                error.getDescription() == null ? error.getErrorCode() : error.getDescription());
        problem.setProperty("error", error.getErrorCode());
        return problem;
    }

    @ExceptionHandler({BuiltInClient.class, ClientHasNoSecret.class, ClientChangedConcurrently.class})
    ProblemDetail conflict(RuntimeException refused) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, refused.getMessage());
    }

    private RegisteredClient existing(String clientId) {
        return clients.find(clientId).orElseThrow(() -> unknown(clientId));
    }

    private static AdminApiException unknown(String clientId) {
        return AdminApiException.notFound("There is no client " + clientId);
    }

    // RFC 7591 §3.2.1: a secret is answered with its expiry, 0 for never
    private Map<String, Object> answer(Change change) {
        Map<String, Object> metadata = clients.metadataOf(change.client());
        if (change.secret() != null) {
            metadata.put(OAuth2ClientMetadataClaimNames.CLIENT_SECRET, change.secret());
            metadata.put(OAuth2ClientMetadataClaimNames.CLIENT_SECRET_EXPIRES_AT, 0);
        }
        return metadata;
    }
}
