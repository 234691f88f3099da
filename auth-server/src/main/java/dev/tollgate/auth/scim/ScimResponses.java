package dev.tollgate.auth.scim;

import java.net.URI;

import com.unboundid.scim2.common.messages.ErrorResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.UriComponentsBuilder;

/** The answers of {@code /scim/v2}: {@code application/scim+json} bodies, with {@code Location} and {@code ETag}. */
public final class ScimResponses {

    public static final String BASE_PATH = "/scim/v2";

    private static final MediaType SCIM = MediaType.parseMediaType(ScimJson.MEDIA_TYPE);

    private ScimResponses() {
    }

    /** The SCIM base URL of the request, e.g. {@code https://auth.example.com/scim/v2}, for locations and refs. */
    public static URI base(UriComponentsBuilder request) {
        return request.replacePath(BASE_PATH).replaceQuery(null).build().toUri();
    }

    public static ResponseEntity<String> ok(Object message) {
        return ResponseEntity.ok().contentType(SCIM).body(ScimJson.write(message));
    }

    /** A resource with its version as the {@code ETag} (RFC 7644 section 3.14). */
    public static ResponseEntity<String> ok(Object resource, String version) {
        return ResponseEntity.ok().contentType(SCIM).header(HttpHeaders.ETAG, version).body(ScimJson.write(resource));
    }

    public static ResponseEntity<String> created(Object resource, URI location, String version) {
        return ResponseEntity.created(location).contentType(SCIM).header(HttpHeaders.ETAG, version)
                .body(ScimJson.write(resource));
    }

    public static ResponseEntity<String> noContent() {
        return ResponseEntity.noContent().build();
    }

    public static ResponseEntity<String> error(ErrorResponse error) {
        int status = error.getStatus() == null ? HttpStatus.BAD_REQUEST.value() : error.getStatus();
        return ResponseEntity.status(status).contentType(SCIM).body(ScimJson.write(error));
    }
}
