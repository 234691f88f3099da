package dev.tollgate.auth.scim.discovery;

import java.net.URI;
import java.util.List;

import com.unboundid.scim2.common.BaseScimResource;
import com.unboundid.scim2.common.exceptions.ResourceNotFoundException;
import com.unboundid.scim2.common.messages.ListResponse;
import com.unboundid.scim2.common.types.AuthenticationScheme;
import com.unboundid.scim2.common.types.BulkConfig;
import com.unboundid.scim2.common.types.ChangePasswordConfig;
import com.unboundid.scim2.common.types.ETagConfig;
import com.unboundid.scim2.common.types.FilterConfig;
import com.unboundid.scim2.common.types.Meta;
import com.unboundid.scim2.common.types.PatchConfig;
import com.unboundid.scim2.common.types.ResourceTypeResource;
import com.unboundid.scim2.common.types.SchemaResource;
import com.unboundid.scim2.common.types.ServiceProviderConfigResource;
import com.unboundid.scim2.common.types.SortConfig;
import com.unboundid.scim2.server.utils.ResourceTypeDefinition;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import dev.tollgate.auth.scim.ScimProperties;
import dev.tollgate.auth.scim.ScimResponses;
import dev.tollgate.auth.scim.groups.GroupSchema;
import dev.tollgate.auth.scim.users.UserSchema;

/**
 * What a SCIM client discovers before it provisions (RFC 7644 section 4): {@code ServiceProviderConfig},
 * {@code ResourceTypes} and {@code Schemas}, built from the same schema definitions that requests are checked against.
 */
@RestController
@RequestMapping(ScimResponses.BASE_PATH)
class DiscoveryEndpoints {

    private static final List<ResourceTypeDefinition> RESOURCE_TYPES =
            List.of(UserSchema.RESOURCE_TYPE, GroupSchema.RESOURCE_TYPE);

    private final ScimProperties properties;

    DiscoveryEndpoints(ScimProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/ServiceProviderConfig")
    ResponseEntity<String> serviceProviderConfig(UriComponentsBuilder request) {
        ServiceProviderConfigResource config = new ServiceProviderConfigResource(null,
                new PatchConfig(true),
                new BulkConfig(false, 0, 0),
                new FilterConfig(true, properties.maxResults()),
                new ChangePasswordConfig(true),
                new SortConfig(true),
                new ETagConfig(true),
                List.of(AuthenticationScheme.createOAuth2BearerToken(true)));
        return ScimResponses.ok(withMeta(config, "ServiceProviderConfig",
                ScimResponses.base(request) + "/ServiceProviderConfig"));
    }

    @GetMapping("/ResourceTypes")
    ResponseEntity<String> resourceTypes(UriComponentsBuilder request) {
        URI base = ScimResponses.base(request);
        List<ResourceTypeResource> types = RESOURCE_TYPES.stream().map(type -> resourceType(type, base)).toList();
        return ScimResponses.ok(new ListResponse<>(types.size(), types, 1, types.size()));
    }

    @GetMapping("/ResourceTypes/{name}")
    ResponseEntity<String> resourceType(@PathVariable String name, UriComponentsBuilder request)
            throws ResourceNotFoundException {
        ResourceTypeDefinition type = RESOURCE_TYPES.stream().filter(each -> each.getName().equalsIgnoreCase(name))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("No resource type is named '" + name + "'."));
        return ScimResponses.ok(resourceType(type, ScimResponses.base(request)));
    }

    @GetMapping("/Schemas")
    ResponseEntity<String> schemas(UriComponentsBuilder request) {
        URI base = ScimResponses.base(request);
        List<SchemaResource> schemas = RESOURCE_TYPES.stream().map(type -> schema(type.getCoreSchema(), base))
                .toList();
        return ScimResponses.ok(new ListResponse<>(schemas.size(), schemas, 1, schemas.size()));
    }

    @GetMapping("/Schemas/{id}")
    ResponseEntity<String> schema(@PathVariable String id, UriComponentsBuilder request)
            throws ResourceNotFoundException {
        SchemaResource schema = RESOURCE_TYPES.stream().map(ResourceTypeDefinition::getCoreSchema)
                .filter(each -> each.getId().equalsIgnoreCase(id))
                .findFirst()
                .orElseThrow(() -> new ResourceNotFoundException("No schema has the id '" + id + "'."));
        return ScimResponses.ok(schema(schema, ScimResponses.base(request)));
    }

    private static ResourceTypeResource resourceType(ResourceTypeDefinition type, URI base) {
        return withMeta(type.toScimResource(), "ResourceType", base + "/ResourceTypes/" + type.getName());
    }

    private static SchemaResource schema(SchemaResource schema, URI base) {
        SchemaResource copy = new SchemaResource(schema.getId(), schema.getName(), schema.getDescription(),
                schema.getAttributes());
        return withMeta(copy, "Schema", base + "/Schemas/" + schema.getId());
    }

    private static <T extends BaseScimResource> T withMeta(T resource, String resourceType, String location) {
        resource.setMeta(new Meta().setResourceType(resourceType).setLocation(URI.create(location)));
        return resource;
    }
}
