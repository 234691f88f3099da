package dev.tollgate.auth.scim.users;

import java.net.URI;

import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchRequest;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import dev.tollgate.auth.scim.AttributeSelection;
import dev.tollgate.auth.scim.AttributesQuery;
import dev.tollgate.auth.scim.ETags;
import dev.tollgate.auth.scim.ListParameters;
import dev.tollgate.auth.scim.ListQuery;
import dev.tollgate.auth.scim.ScimJson;
import dev.tollgate.auth.scim.ScimRequests;
import dev.tollgate.auth.scim.ScimProperties;
import dev.tollgate.auth.scim.ScimResponses;
import dev.tollgate.auth.scim.SqlFilter;
import dev.tollgate.auth.scim.users.UserRows.Page;

/**
 * {@code /scim/v2/Users} (RFC 7644 section 3): create, read, replace, patch, delete and list users. Bodies are read
 * and written by the SCIM SDK's JSON mapper as strings, outside the application's own JSON converters.
 */
@RestController
@RequestMapping(UsersEndpoint.PATH)
class UsersEndpoint {

    static final String PATH = "/scim/v2/Users";

    private final ScimUsers users;

    private final ScimProperties properties;

    UsersEndpoint(ScimUsers users, ScimProperties properties) {
        this.users = users;
        this.properties = properties;
    }

    @GetMapping
    ResponseEntity<String> list(ListQuery query, UriComponentsBuilder request) throws ScimException {
        AttributeSelection selection = query.selection(UserSchema.RESOURCE_TYPE);
        ListParameters page = query.page(properties.maxResults());
        Page found = users.list(SqlFilter.of(query.filter(), UserSchema.COLUMNS), page);
        URI base = ScimResponses.base(request);
        var resources = found.users().stream()
                .map(user -> new GenericScimResource(selection.apply(UserResources.resource(user, base),
                        UserSchema.RESOURCE_TYPE)))
                .toList();
        return ScimResponses.ok(new ListResponse<>(Math.toIntExact(found.total()), resources, page.startIndex(),
                resources.size()));
    }

    @GetMapping("/{id}")
    ResponseEntity<String> read(@PathVariable String id, AttributesQuery query, UriComponentsBuilder request)
            throws ScimException {
        ScimUser user = users.get(id);
        return ScimResponses.ok(query.selection(UserSchema.RESOURCE_TYPE)
                .apply(UserResources.resource(user, ScimResponses.base(request)), UserSchema.RESOURCE_TYPE), ETags.of(user.version()));
    }

    @PostMapping
    ResponseEntity<String> create(@RequestBody(required = false) String body,
            AttributesQuery query, UriComponentsBuilder request,
            Authentication admin) throws ScimException {
        AttributeSelection selection = query.selection(UserSchema.RESOURCE_TYPE);
        ScimUser user = users.create(UserResources.change(ScimRequests.resource(body, UserSchema.RESOURCE_TYPE)), admin.getName());
        URI base = ScimResponses.base(request);
        return ScimResponses.created(selection.apply(UserResources.resource(user, base), UserSchema.RESOURCE_TYPE),
                UserResources.location(user, base), ETags.of(user.version()));
    }

    @PutMapping("/{id}")
    ResponseEntity<String> replace(@PathVariable String id, @RequestBody(required = false) String body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            AttributesQuery query, UriComponentsBuilder request,
            Authentication admin) throws ScimException {
        AttributeSelection selection = query.selection(UserSchema.RESOURCE_TYPE);
        UserChange replacement = UserResources.change(ScimRequests.resource(body, UserSchema.RESOURCE_TYPE));
        ScimUser user = users.update(id, ifMatch, admin.getName(), current -> replacement);
        return answer(user, selection, ScimResponses.base(request));
    }

    @PatchMapping("/{id}")
    ResponseEntity<String> patch(@PathVariable String id, @RequestBody(required = false) String body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            AttributesQuery query, UriComponentsBuilder request,
            Authentication admin) throws ScimException {
        AttributeSelection selection = query.selection(UserSchema.RESOURCE_TYPE);
        PatchRequest patch = ScimJson.read(body, PatchRequest.class);
        URI base = ScimResponses.base(request);
        ScimUser user = users.update(id, ifMatch, admin.getName(), current -> UserResources.change(
                ScimRequests.patched(UserResources.resource(current, base), patch, UserSchema.RESOURCE_TYPE)));
        return answer(user, selection, base);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<String> delete(@PathVariable String id,
            @RequestHeader(name = "If-Match", required = false) String ifMatch, Authentication admin)
            throws ScimException {
        users.delete(id, ifMatch, admin.getName());
        return ScimResponses.noContent();
    }

    private static ResponseEntity<String> answer(ScimUser user, AttributeSelection selection, URI base) {
        return ScimResponses.ok(selection.apply(UserResources.resource(user, base), UserSchema.RESOURCE_TYPE),
                ETags.of(user.version()));
    }

}
