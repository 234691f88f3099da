package dev.tollgate.auth.scim.groups;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.scim2.common.GenericScimResource;
import com.unboundid.scim2.common.exceptions.BadRequestException;
import com.unboundid.scim2.common.exceptions.ResourceConflictException;
import com.unboundid.scim2.common.exceptions.ScimException;
import com.unboundid.scim2.common.filters.Filter;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.messages.PatchRequest;
import com.unboundid.scim2.common.types.GroupResource;
import com.unboundid.scim2.common.types.Member;
import com.unboundid.scim2.common.types.Meta;
import com.unboundid.scim2.common.utils.FilterEvaluator;
import com.unboundid.scim2.common.utils.JsonUtils;
import com.unboundid.scim2.server.utils.SchemaChecker;

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
import dev.tollgate.auth.scim.ListParameters;
import dev.tollgate.auth.scim.ListQuery;
import dev.tollgate.auth.scim.RoleGroup;
import dev.tollgate.auth.scim.ScimJson;
import dev.tollgate.auth.scim.ScimProperties;
import dev.tollgate.auth.scim.ScimRequests;
import dev.tollgate.auth.scim.ScimResponses;

/**
 * {@code /scim/v2/Groups}: the groups ADMIN and USER, one per role. Their members can be changed (PUT, PATCH); the
 * groups themselves can be neither created, renamed nor deleted. With two groups, a filter is evaluated on them by the
 * SCIM SDK after the schema checker has made sure it names only Group attributes.
 */
@RestController
@RequestMapping(GroupsEndpoint.PATH)
class GroupsEndpoint {

    static final String PATH = "/scim/v2/Groups";

    private final ScimGroups groups;

    private final ScimProperties properties;

    GroupsEndpoint(ScimGroups groups, ScimProperties properties) {
        this.groups = groups;
        this.properties = properties;
    }

    @GetMapping
    ResponseEntity<String> list(ListQuery query, UriComponentsBuilder request) throws ScimException {
        AttributeSelection selection = query.selection(GroupSchema.RESOURCE_TYPE);
        ListParameters page = query.page(properties.maxResults());
        Filter parsed = parse(query.filter());
        URI base = ScimResponses.base(request);
        List<ObjectNode> matching = new ArrayList<>();
        for (RoleGroupState group : groups.all()) {
            ObjectNode resource = resource(group, base);
            if (parsed == null || FilterEvaluator.evaluate(parsed, resource)) {
                matching.add(resource);
            }
        }
        List<GenericScimResource> onPage = matching.stream()
                .skip(page.offset()).limit(page.count())
                .map(resource -> new GenericScimResource(selection.apply(resource, GroupSchema.RESOURCE_TYPE)))
                .toList();
        return ScimResponses.ok(new ListResponse<>(matching.size(), onPage, page.startIndex(), onPage.size()));
    }

    @GetMapping("/{id}")
    ResponseEntity<String> read(@PathVariable String id, AttributesQuery query, UriComponentsBuilder request)
            throws ScimException {
        return answer(groups.get(id), query.selection(GroupSchema.RESOURCE_TYPE), ScimResponses.base(request));
    }

    @PostMapping
    ResponseEntity<String> create(@RequestBody(required = false) String body) throws ScimException {
        JsonNode displayName = ScimJson.readObject(body).get("displayName");
        if (displayName != null && displayName.isTextual()
                && RoleGroup.byRole(displayName.textValue().strip().toUpperCase(Locale.ROOT)).isPresent()) {
            throw ResourceConflictException.uniqueness("The group " + displayName.textValue()
                    + " exists: change its members with PATCH or PUT.");
        }
        throw BadRequestException.mutability("Groups are Tollgate's roles, ADMIN and USER; no other group can be"
                + " created.");
    }

    @PutMapping("/{id}")
    ResponseEntity<String> replace(@PathVariable String id, @RequestBody(required = false) String body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            AttributesQuery query, UriComponentsBuilder request,
            Authentication admin) throws ScimException {
        AttributeSelection selection = query.selection(GroupSchema.RESOURCE_TYPE);
        ObjectNode writable = ScimRequests.resource(body, GroupSchema.RESOURCE_TYPE);
        RoleGroupState changed = groups.update(id, ifMatch, admin.getName(), current -> membersOf(current, writable));
        return answer(changed, selection, ScimResponses.base(request));
    }

    @PatchMapping("/{id}")
    ResponseEntity<String> patch(@PathVariable String id, @RequestBody(required = false) String body,
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            AttributesQuery query, UriComponentsBuilder request,
            Authentication admin) throws ScimException {
        AttributeSelection selection = query.selection(GroupSchema.RESOURCE_TYPE);
        PatchRequest patch = ScimJson.read(body, PatchRequest.class);
        URI base = ScimResponses.base(request);
        RoleGroupState changed = groups.update(id, ifMatch, admin.getName(), current -> membersOf(current,
                ScimRequests.patched(resource(current, base), patch, GroupSchema.RESOURCE_TYPE)));
        return answer(changed, selection, base);
    }

    @DeleteMapping("/{id}")
    ResponseEntity<String> delete(@PathVariable String id) throws ScimException {
        RoleGroupState group = groups.get(id);
        throw BadRequestException.mutability("The group " + group.group().displayName() + " is a role of Tollgate and"
                + " cannot be deleted; remove its members instead.");
    }

    /** The member ids of the group as {@code resource} describes it; its displayName cannot change. */
    private static Set<String> membersOf(RoleGroupState current, ObjectNode resource) throws BadRequestException {
        JsonNode displayName = resource.get("displayName");
        if (displayName != null && !current.group().displayName().equals(displayName.asText())) {
            throw BadRequestException.mutability("The group " + current.group().displayName()
                    + " is a role and cannot be renamed.");
        }
        Set<String> ids = new LinkedHashSet<>();
        JsonNode members = resource.get("members");
        if (members != null && members.isArray()) {
            for (JsonNode member : members) {
                JsonNode value = member.get("value");
                if (value == null || !value.isTextual()) {
                    throw BadRequestException.invalidValue("Each member needs a value: the user's id.");
                }
                ids.add(value.textValue());
            }
        }
        return ids;
    }

    private static ObjectNode resource(RoleGroupState state, URI base) {
        GroupResource group = new GroupResource().setDisplayName(state.group().displayName());
        group.setId(state.group().id().toString());
        group.setMembers(state.members().stream()
                .map(member -> new Member().setValue(member.id().toString()).setDisplay(member.userName())
                        .setType("User").setRef(URI.create(base + "/Users/" + member.id())))
                .toList());
        group.setMeta(new Meta().setResourceType("Group")
                .setLocation(URI.create(base + GroupSchema.ENDPOINT + "/" + state.group().id()))
                .setVersion(state.version()));
        return JsonUtils.valueToNode(group);
    }

    private static ResponseEntity<String> answer(RoleGroupState group, AttributeSelection selection, URI base) {
        return ScimResponses.ok(selection.apply(resource(group, base), GroupSchema.RESOURCE_TYPE), group.version());
    }

    private static Filter parse(String filter) throws ScimException {
        Filter parsed = ScimRequests.filter(filter);
        if (parsed == null) {
            return null;
        }
        new SchemaChecker(GroupSchema.RESOURCE_TYPE).checkSearch(parsed).throwSchemaExceptions();
        return parsed;
    }

}
