package dev.tollgate.auth.signals;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.auth.AuthServerProperties;

/**
 * {@code /.well-known/ssf-configuration} (SSF 1.0 §7.1): where a receiver manages its stream, and the key set its
 * SETs are signed with (the ID tokens' keys).
 */
@RestController
class TransmitterConfiguration {

    private final Map<String, Object> metadata;

    TransmitterConfiguration(AuthServerProperties server) {
        String issuer = server.issuer();
        String base = issuer + SignalsEndpoints.BASE_PATH;
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("spec_version", "1_0");
        metadata.put("issuer", issuer);
        metadata.put("jwks_uri", issuer + "/oauth2/jwks");
        metadata.put("delivery_methods_supported", List.of(Stream.PUSH, Stream.POLL));
        metadata.put("configuration_endpoint", base + "/streams");
        metadata.put("status_endpoint", base + "/status");
        metadata.put("verification_endpoint", base + "/verify");
        metadata.put("authorization_schemes", List.of(Map.of("spec_urn", "urn:ietf:rfc:6749")));
        metadata.put("default_subjects", "ALL");
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    @GetMapping(SignalsEndpoints.CONFIGURATION_PATH)
    Map<String, Object> configuration() {
        return metadata;
    }
}
